import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../format";
import type { ButtonRow } from "../logic/dashboard-view";
import { BAR_CURSOR, bottomAxisProps, frameProps } from "./chart-frame";
import { AXIS_TICK, COLORS, TOOLTIP_STYLE } from "./chart-theme";

/** The chart shows the busiest buttons; the table beside it lists them all. */
const MAX_BARS = 12;
const LABEL_CHARS = 24;

/** All-time clicks per button, most clicked at the top. Before stats answers: live clicks instead. */
export function ClicksPerButtonChart({ rows }: { rows: ButtonRow[] }) {
  const data = rows
    .slice(0, MAX_BARS)
    .map((row) => ({ buttonId: row.buttonId, clicks: row.total ?? row.live }));
  const unit = rows.some((row) => row.total !== undefined) ? "clicks, all time" : "clicks since opened";
  return (
    <BarChart
      {...frameProps(48 + data.length * 30, { top: 0, right: 16, bottom: 20, left: 0 })}
      layout="vertical"
      data={data}
      barCategoryGap={6}
    >
      <CartesianGrid horizontal={false} stroke={COLORS.grid} />
      <XAxis type="number" allowDecimals={false} {...bottomAxisProps(unit)} />
      <YAxis
        type="category"
        dataKey="buttonId"
        width={190}
        tick={AXIS_TICK}
        tickLine={false}
        axisLine={false}
        tickFormatter={shorten}
      />
      <Tooltip {...TOOLTIP_STYLE} cursor={BAR_CURSOR} formatter={(value) => formatCount(Number(value))} />
      <Bar
        dataKey="clicks"
        name="Clicks"
        fill={COLORS.clicks}
        radius={[0, 4, 4, 0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

function shorten(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
}
