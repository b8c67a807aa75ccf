import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** Chemex: hourglass of glass with a paper filter, wooden collar and leather tie. Base at the origin. */
export function Chemex() {
  return (
    <g>
      <GroundShadow width={126} />
      <path
        d="M -14 -105 L -62 -9 Q -65 0 -54 0 L 54 0 Q 65 0 62 -9 L 14 -105 L 60 -206 L -60 -206 Z"
        fill={ART.glass}
        opacity={0.85}
        stroke={ART.glassEdge}
        strokeWidth={3}
        strokeLinejoin="round"
      />
      <path d="M -43 -46 L -62 -9 Q -65 0 -54 0 L 54 0 Q 65 0 62 -9 L 43 -46 Z" fill={ART.coffee} />
      <path
        d="M -58 -214 L 58 -214 L 16 -124 L -16 -124 Z"
        fill={ART.paper}
        stroke="#e4ddd0"
        strokeWidth={2}
      />
      <path d="M -12 -206 L 0 -132 L 12 -206" fill="none" stroke="#ece5d9" strokeWidth={2} />
      <path
        d="M -33 -142 L 33 -142 L 22 -105 L 32 -70 L -32 -70 L -22 -105 Z"
        fill={ART.wood}
        stroke={ART.woodDark}
        strokeWidth={2}
      />
      <path d="M -22 -105 L 22 -105" stroke="#6b4427" strokeWidth={4} strokeLinecap="round" />
      <path d="M 20 -104 Q 30 -96 34 -84" stroke="#6b4427" strokeWidth={3} fill="none" />
      <circle cx={35} cy={-80} r={5.5} fill={ART.woodDark} />
      <path d="M -44 -196 L -26 -160" stroke="#ffffff" strokeWidth={4} strokeLinecap="round" opacity={0.7} />
    </g>
  );
}
