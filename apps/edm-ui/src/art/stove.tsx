import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** MSR Reactor: heat-exchanger pot with a clear lid on a burner and gas canister. Base at the origin. */
export function Stove() {
  return (
    <g>
      <GroundShadow width={104} />
      <path
        d="M -46 0 L 46 0 L 46 -20 Q 46 -33 0 -36 Q -46 -33 -46 -20 Z"
        fill="#3f6f8f"
        stroke="#2f546d"
        strokeWidth={2}
      />
      <rect x={-20} y={-20} width={40} height={8} rx={2} fill="#e6eef3" opacity={0.8} />
      <rect x={-14} y={-48} width={28} height={14} rx={2} fill="#50565b" />
      <rect x={-42} y={-56} width={84} height={10} rx={3} fill="#2f3336" />
      <rect
        x={-48}
        y={-160}
        width={96}
        height={106}
        rx={10}
        fill={ART.steel}
        stroke={ART.steelDark}
        strokeWidth={2}
      />
      <rect x={-48} y={-112} width={96} height={16} fill="#c8462a" />
      <text
        x={0}
        y={-100}
        textAnchor="middle"
        fontSize={10}
        fontWeight={800}
        fill="#ffffff"
        letterSpacing={2}
      >
        MSR
      </text>
      <rect x={-34} y={-150} width={10} height={86} rx={5} fill="#ffffff" opacity={0.35} />
      <path
        d="M -50 -160 Q 0 -182 50 -160 Z"
        fill="#e2ecf1"
        opacity={0.85}
        stroke={ART.glassEdge}
        strokeWidth={2}
      />
      <path
        d="M 48 -140 Q 70 -140 70 -118 L 70 -84 Q 70 -70 48 -72"
        stroke="#7d858b"
        strokeWidth={5}
        fill="none"
      />
    </g>
  );
}
