import type { Margin } from "recharts";
import { AXIS_LABEL_STYLE, AXIS_TICK, COLORS } from "./chart-theme";

// The frame every dashboard chart shares (margins, grid, axes, legend, hover cursor), kept in one place so
// the charts line up with each other and differ only in what they plot.

/** Leaves room under the plot for the x-axis title. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 20, left: 0 } as const;

/** Props that make a chart fill its panel's width at a fixed height (recharts measures the panel itself). */
export function frameProps(height: number, margin: Margin = CHART_MARGIN) {
  return { responsive: true, style: { width: "100%", height }, margin } as const;
}

/** Horizontal guide lines only: the charts are read by height. */
export const HORIZONTAL_GRID = { vertical: false, stroke: COLORS.grid } as const;

/** A faint band behind the hovered bar, in the clicks colour. */
export const BAR_CURSOR = { fill: "rgba(79, 70, 229, 0.06)" } as const;

/** Series names as small dots at the top right, out of the way of the bars. */
export const TOP_LEGEND = {
  verticalAlign: "top",
  align: "right",
  height: 28,
  iconType: "circle",
  iconSize: 9,
} as const;

/** Props for an x-axis along the bottom with its title centred underneath. */
export function bottomAxisProps(title: string) {
  return {
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: { stroke: COLORS.grid },
    label: { value: title, position: "insideBottom", offset: -12, style: AXIS_LABEL_STYLE },
  } as const;
}

/** Props for a y-axis of whole counts with its title turned up the left side. */
export function countAxisProps(title: string) {
  return {
    allowDecimals: false,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
    width: 48,
    label: { value: title, angle: -90, position: "insideLeft", offset: 12, style: AXIS_LABEL_STYLE },
  } as const;
}
