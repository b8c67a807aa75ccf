// One palette for every chart and legend, so "clicks" is the same colour everywhere.

export const COLORS = {
  clicks: "#4f46e5",
  pageloads: "#0e9f9a",
  grid: "#e7e9ef",
  axis: "#6b7180",
} as const;

export const AXIS_TICK = { fill: COLORS.axis, fontSize: 12 } as const;

export const AXIS_LABEL_STYLE = { fill: COLORS.axis, fontSize: 12 } as const;

export const TOOLTIP_STYLE = {
  contentStyle: {
    borderRadius: 8,
    border: "1px solid #e2e5ec",
    boxShadow: "0 4px 16px rgba(20, 24, 40, 0.08)",
    fontSize: 13,
  },
  labelStyle: { color: "#1d2030", fontWeight: 600 },
} as const;
