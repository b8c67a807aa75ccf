import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** A mug of coffee, optionally steaming. Base at the origin. */
export function Mug({
  color = "#f7f3ec",
  edge = ART.ceramicEdge,
  steam = false,
}: {
  color?: string;
  edge?: string;
  steam?: boolean;
}) {
  return (
    <g>
      <GroundShadow width={70} />
      <path d="M 26 -50 C 50 -50 50 -16 26 -16" stroke={edge} strokeWidth={9} fill="none" />
      <rect x={-31} y={-64} width={62} height={64} rx={9} fill={color} stroke={edge} strokeWidth={2} />
      <ellipse cx={0} cy={-62} rx={27} ry={5} fill={ART.coffee} />
      {steam && (
        <g stroke="#ffffff" strokeWidth={3.5} fill="none" strokeLinecap="round" opacity={0.85}>
          <path d="M -9 -74 q -8 -10 0 -20 q 8 -10 0 -20" />
          <path d="M 9 -76 q -8 -10 0 -20 q 8 -10 0 -20" />
        </g>
      )}
    </g>
  );
}

/** A tall glass of iced coffee. Base at the origin. */
export function IcedGlass() {
  return (
    <g>
      <GroundShadow width={60} />
      <line x1={8} y1={-96} x2={24} y2={-146} stroke={ART.accent} strokeWidth={5} strokeLinecap="round" />
      <path
        d="M -28 -122 L 28 -122 L 23 0 L -23 0 Z"
        fill={ART.glass}
        opacity={0.8}
        stroke={ART.glassEdge}
        strokeWidth={2.5}
      />
      <path d="M -26 -82 L 26 -82 L 23 -3 L -23 -3 Z" fill={ART.coffeeLight} />
      <path d="M -26 -82 L 26 -82 L 25 -60 L -25 -60 Z" fill="#c79e7d" />
      <rect
        x={-18}
        y={-100}
        width={18}
        height={18}
        rx={3}
        fill="#ffffff"
        opacity={0.75}
        transform="rotate(-12 -9 -91)"
      />
      <rect
        x={2}
        y={-96}
        width={17}
        height={17}
        rx={3}
        fill="#ffffff"
        opacity={0.7}
        transform="rotate(14 10 -88)"
      />
    </g>
  );
}
