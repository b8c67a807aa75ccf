import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDay } from "../format";
import type { DayClicks } from "../logic/days";
import { AXIS_LABEL_STYLE, AXIS_TICK, COLORS, TOOLTIP_STYLE } from "./chart-theme";

/** Clicks per UTC day over the last 30 days, today's bar including live clicks. */
export function ClicksPerDayChart({ days }: { days: DayClicks[] }) {
  return (
    <BarChart
      responsive
      style={{ width: "100%", height: 220 }}
      data={days}
      margin={{ top: 8, right: 8, bottom: 20, left: 0 }}
      barCategoryGap={2}
    >
      <CartesianGrid vertical={false} stroke={COLORS.grid} />
      <XAxis
        dataKey="day"
        tickFormatter={formatDay}
        interval={6}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={{ stroke: COLORS.grid }}
        label={{ value: "day (UTC)", position: "insideBottom", offset: -12, style: AXIS_LABEL_STYLE }}
      />
      <YAxis
        allowDecimals={false}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={false}
        width={48}
        label={{
          value: "clicks / day",
          angle: -90,
          position: "insideLeft",
          offset: 12,
          style: AXIS_LABEL_STYLE,
        }}
      />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "rgba(79, 70, 229, 0.06)" }}
        labelFormatter={(day) => formatDay(String(day))}
        formatter={(value) => formatCount(Number(value))}
      />
      <Bar
        dataKey="clicks"
        name="Clicks"
        fill={COLORS.clicks}
        radius={[3, 3, 0, 0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
}
