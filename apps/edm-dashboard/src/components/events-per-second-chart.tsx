import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatSecondsAgo } from "../format";
import type { SecondPoint } from "../logic/seconds";
import {
  BAR_CURSOR,
  bottomAxisProps,
  countAxisProps,
  frameProps,
  HORIZONTAL_GRID,
  TOP_LEGEND,
} from "./chart-frame";
import { COLORS, TOOLTIP_STYLE } from "./chart-theme";

const TICKS = [50, 40, 30, 20, 10, 0];

/** Events per real second over the last minute, clicks and page loads stacked. */
export function EventsPerSecondChart({ points }: { points: SecondPoint[] }) {
  return (
    <BarChart {...frameProps(240)} data={points} barCategoryGap={1}>
      <CartesianGrid {...HORIZONTAL_GRID} />
      <XAxis
        dataKey="secondsAgo"
        ticks={TICKS}
        tickFormatter={formatSecondsAgo}
        {...bottomAxisProps("seconds ago")}
      />
      <YAxis {...countAxisProps("events / s")} />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={BAR_CURSOR}
        labelFormatter={(secondsAgo) => (secondsAgo === 0 ? "This second" : `${secondsAgo} s ago`)}
      />
      <Legend {...TOP_LEGEND} />
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
