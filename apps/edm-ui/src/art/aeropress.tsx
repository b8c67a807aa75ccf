import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** AeroPress: plunger in a smoky chamber, coffee inside, black filter cap. Base at the origin. */
export function AeroPress() {
  return (
    <g>
      <GroundShadow width={74} />
      <rect x={-26} y={-196} width={52} height={70} rx={3} fill="#3b3d40" />
      <rect x={-31} y={-204} width={62} height={12} rx={5} fill="#1f2124" />
      <rect
        x={-30}
        y={-132}
        width={60}
        height={120}
        rx={2}
        fill="#5d646c"
        opacity={0.5}
        stroke="#3f4448"
        strokeWidth={2}
      />
      <rect x={-28} y={-74} width={56} height={60} fill={ART.coffee} opacity={0.85} />
      <rect x={-39} y={-139} width={78} height={9} rx={3} fill="#2a2c2f" />
      {[0, 1, 2, 3].map((step) => (
        <g key={step}>
          <line
            x1={14}
            x2={26}
            y1={-36 - step * 22}
            y2={-36 - step * 22}
            stroke="#f4f4f4"
            strokeWidth={2}
            opacity={0.8}
          />
          <circle cx={9} cy={-36 - step * 22} r={2.5} fill="#f4f4f4" opacity={0.8} />
        </g>
      ))}
      <rect x={-34} y={-15} width={68} height={15} rx={3} fill="#1f2124" />
      <rect x={-18} y={-180} width={36} height={8} rx={2} fill={ART.accent} opacity={0.9} />
    </g>
  );
}
