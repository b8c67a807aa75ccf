import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatSecondsAgo } from "../format";
import type { SecondPoint } from "../logic/seconds";
import { AXIS_LABEL_STYLE, AXIS_TICK, COLORS, TOOLTIP_STYLE } from "./chart-theme";

const TICKS = [50, 40, 30, 20, 10, 0];

/** Events per real second over the last minute, clicks and page loads stacked. */
export function EventsPerSecondChart({ points }: { points: SecondPoint[] }) {
  return (
    <BarChart
      responsive
      style={{ width: "100%", height: 240 }}
      data={points}
      margin={{ top: 8, right: 8, bottom: 20, left: 0 }}
      barCategoryGap={1}
    >
      <CartesianGrid vertical={false} stroke={COLORS.grid} />
      <XAxis
        dataKey="secondsAgo"
        ticks={TICKS}
        tickFormatter={formatSecondsAgo}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={{ stroke: COLORS.grid }}
        label={{ value: "seconds ago", position: "insideBottom", offset: -12, style: AXIS_LABEL_STYLE }}
      />
      <YAxis
        allowDecimals={false}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={false}
        width={48}
        label={{
          value: "events / s",
          angle: -90,
          position: "insideLeft",
          offset: 12,
          style: AXIS_LABEL_STYLE,
        }}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
        labelFormatter={(secondsAgo) => (secondsAgo === 0 ? "This second" : `${secondsAgo} s ago`)}
      />
      <Legend verticalAlign="top" align="right" height={28} iconType="circle" iconSize={9} />
      <Bar dataKey="clicks" name="Clicks" stackId="events" fill={COLORS.clicks} isAnimationActive={false} />
      <Bar
        dataKey="pageloads"
        name="Page loads"
        stackId="events"
        fill={COLORS.pageloads}
        radius={[2, 2, 0, 0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
}
