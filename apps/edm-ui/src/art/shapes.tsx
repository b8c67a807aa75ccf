import { ART } from "./palette";

/** The soft shadow every object casts on the table, centred under its base. */
export function GroundShadow({ width }: { width: number }) {
  return <ellipse cx={0} cy={2} rx={width / 2} ry={Math.max(4, width / 14)} fill={ART.shadow} />;
}

/** Places a drawing whose base centre is its origin: at (x, y), scaled. */
export function Place({
  x,
  y,
  scale = 1,
  children,
}: {
  x: number;
  y: number;
  scale?: number;
  children: React.ReactNode;
}) {
  return <g transform={`translate(${x} ${y}) scale(${scale})`}>{children}</g>;
}
