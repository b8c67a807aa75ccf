import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatMinute } from "../format";
import type { MinutePoint } from "../logic/minutes";
import {
  bottomAxisProps,
  CHART_MARGIN,
  countAxisProps,
  frameProps,
  HORIZONTAL_GRID,
  TOP_LEGEND,
} from "./chart-frame";
import { COLORS, TOOLTIP_STYLE } from "./chart-theme";

const SERIES = [
  { dataKey: "clicks", name: "Clicks", color: COLORS.clicks, fillOpacity: 0.14 },
  { dataKey: "pageloads", name: "Page loads", color: COLORS.pageloads, fillOpacity: 0.12 },
] as const;

/** Events per minute over the last hour, from the stats summary (refreshed with the history). */
export function LastHourChart({ minutes }: { minutes: MinutePoint[] }) {
  return (
    <AreaChart {...frameProps(220, { ...CHART_MARGIN, right: 12 })} data={minutes}>
      <CartesianGrid {...HORIZONTAL_GRID} />
      <XAxis dataKey="at" tickFormatter={formatMinute} interval={14} {...bottomAxisProps("time")} />
      <YAxis {...countAxisProps("events / min")} />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(at) => formatMinute(Number(at))} />
      <Legend {...TOP_LEGEND} />
      {SERIES.map((series) => (
        <Area
          key={series.dataKey}
          type="monotone"
          dataKey={series.dataKey}
          name={series.name}
          stroke={series.color}
          fill={series.color}
          fillOpacity={series.fillOpacity}
          strokeWidth={2}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
}
