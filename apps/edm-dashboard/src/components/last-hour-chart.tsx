import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatMinute } from "../format";
import type { MinutePoint } from "../logic/minutes";
import { AXIS_LABEL_STYLE, AXIS_TICK, COLORS, TOOLTIP_STYLE } from "./chart-theme";

/** Events per minute over the last hour, from the stats summary (refreshed with the history). */
export function LastHourChart({ minutes }: { minutes: MinutePoint[] }) {
  return (
    <AreaChart
      responsive
      style={{ width: "100%", height: 220 }}
      data={minutes}
      margin={{ top: 8, right: 12, bottom: 20, left: 0 }}
    >
      <CartesianGrid vertical={false} stroke={COLORS.grid} />
      <XAxis
        dataKey="at"
        tickFormatter={formatMinute}
        interval={14}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={{ stroke: COLORS.grid }}
        label={{ value: "time", position: "insideBottom", offset: -12, style: AXIS_LABEL_STYLE }}
      />
      <YAxis
        allowDecimals={false}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={false}
        width={48}
        label={{
          value: "events / min",
          angle: -90,
          position: "insideLeft",
          offset: 12,
          style: AXIS_LABEL_STYLE,
        }}
      />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(at) => formatMinute(Number(at))} />
      <Legend verticalAlign="top" align="right" height={28} iconType="circle" iconSize={9} />
      <Area
        type="monotone"
        dataKey="clicks"
        name="Clicks"
        stroke={COLORS.clicks}
        fill={COLORS.clicks}
        fillOpacity={0.14}
        strokeWidth={2}
        isAnimationActive={false}
      />
      <Area
        type="monotone"
        dataKey="pageloads"
        name="Page loads"
        stroke={COLORS.pageloads}
        fill={COLORS.pageloads}
        fillOpacity={0.12}
        strokeWidth={2}
        isAnimationActive={false}
      />
    </AreaChart>
  );
}
