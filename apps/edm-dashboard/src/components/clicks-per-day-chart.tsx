import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDay } from "../format";
import type { DayClicks } from "../logic/days";
import { BAR_CURSOR, bottomAxisProps, countAxisProps, frameProps, HORIZONTAL_GRID } from "./chart-frame";
import { COLORS, TOOLTIP_STYLE } from "./chart-theme";

/** Clicks per UTC day over the last 30 days, today's bar including live clicks. */
export function ClicksPerDayChart({ days }: { days: DayClicks[] }) {
  return (
    <BarChart {...frameProps(220)} data={days} barCategoryGap={2}>
      <CartesianGrid {...HORIZONTAL_GRID} />
      <XAxis dataKey="day" tickFormatter={formatDay} interval={6} {...bottomAxisProps("day (UTC)")} />
      <YAxis {...countAxisProps("clicks / day")} />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={BAR_CURSOR}
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
