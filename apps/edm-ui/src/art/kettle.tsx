import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** Gooseneck kettle; the spout points left. Base at the origin. */
export function Kettle({ body = ART.copper, edge = ART.copperDark }: { body?: string; edge?: string }) {
  return (
    <g>
      <GroundShadow width={100} />
      <path
        d="M -40 -26 C -78 -24 -72 -98 -104 -116"
        stroke={edge}
        strokeWidth={9}
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M -40 -26 C -78 -24 -72 -98 -104 -116"
        stroke={body}
        strokeWidth={5}
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M 32 -86 C 84 -92 84 -20 44 -16"
        stroke={ART.matte}
        strokeWidth={11}
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M -46 0 L 46 0 Q 54 -60 31 -96 L -31 -96 Q -54 -60 -46 0 Z"
        fill={body}
        stroke={edge}
        strokeWidth={2.5}
      />
      <path
        d="M -30 -80 Q -40 -50 -36 -14"
        stroke="#ffffff"
        strokeWidth={5}
        fill="none"
        strokeLinecap="round"
        opacity={0.35}
      />
      <rect x={-32} y={-104} width={64} height={10} rx={5} fill={edge} />
      <circle cx={0} cy={-112} r={8} fill={ART.matte} />
    </g>
  );
}
