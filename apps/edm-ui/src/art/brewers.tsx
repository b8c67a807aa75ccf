import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** A ceramic cone dripper sitting on a cup. Base at the origin. */
export function DripperOnCup() {
  return (
    <g>
      <GroundShadow width={76} />
      <path d="M 30 -52 C 52 -52 52 -18 30 -18" stroke={ART.matte} strokeWidth={8} fill="none" />
      <rect x={-33} y={-66} width={66} height={66} rx={8} fill={ART.matte} />
      <rect
        x={-38}
        y={-76}
        width={76}
        height={10}
        rx={4}
        fill={ART.ceramic}
        stroke={ART.ceramicEdge}
        strokeWidth={2}
      />
      <path
        d="M -50 -132 L 50 -132 L 24 -76 L -24 -76 Z"
        fill={ART.ceramic}
        stroke={ART.ceramicEdge}
        strokeWidth={2}
      />
      <path d="M -40 -124 L 40 -124" stroke={ART.ceramicEdge} strokeWidth={2} />
      <path d="M -30 -116 L -16 -86 M 0 -116 L 0 -86 M 30 -116 L 16 -86" stroke="#e7dfd2" strokeWidth={2.5} />
    </g>
  );
}

/** A double-walled French press, half full. Base at the origin. */
export function FrenchPress() {
  return (
    <g>
      <GroundShadow width={96} />
      <rect x={-3} y={-196} width={6} height={50} fill={ART.steelDark} />
      <circle cx={0} cy={-198} r={10} fill={ART.matte} />
      <path d="M 40 -128 C 70 -126 70 -42 40 -38" stroke={ART.matte} strokeWidth={11} fill="none" />
      <rect
        x={-37}
        y={-142}
        width={74}
        height={134}
        rx={4}
        fill={ART.glass}
        opacity={0.75}
        stroke={ART.glassEdge}
        strokeWidth={2}
      />
      <rect x={-35} y={-100} width={70} height={92} fill={ART.coffee} />
      <rect x={-35} y={-104} width={70} height={6} fill={ART.steelDark} />
      <rect
        x={-41}
        y={-150}
        width={82}
        height={10}
        rx={3}
        fill={ART.steel}
        stroke={ART.steelDark}
        strokeWidth={1.5}
      />
      <path d="M -38 -150 Q 0 -176 38 -150 Z" fill={ART.steel} stroke={ART.steelDark} strokeWidth={1.5} />
      <rect
        x={-41}
        y={-14}
        width={82}
        height={14}
        rx={3}
        fill={ART.steel}
        stroke={ART.steelDark}
        strokeWidth={1.5}
      />
      <rect x={-28} y={-136} width={8} height={116} rx={4} fill="#ffffff" opacity={0.4} />
    </g>
  );
}

/** A hand burr grinder with its crank. Base at the origin. */
export function Grinder() {
  return (
    <g>
      <GroundShadow width={60} />
      <path d="M 0 -132 L 52 -148" stroke={ART.matte} strokeWidth={5} strokeLinecap="round" />
      <circle cx={54} cy={-149} r={8} fill={ART.wood} />
      <rect x={-5} y={-140} width={10} height={14} fill={ART.steelDark} />
      <rect
        x={-25}
        y={-128}
        width={50}
        height={128}
        rx={7}
        fill={ART.steel}
        stroke={ART.steelDark}
        strokeWidth={2}
      />
      <rect x={-25} y={-78} width={50} height={30} fill={ART.wood} />
      <rect x={-16} y={-120} width={7} height={110} rx={3} fill="#ffffff" opacity={0.4} />
    </g>
  );
}

/** A low brew scale with a small display. Base at the origin. */
export function Scale() {
  return (
    <g>
      <GroundShadow width={170} />
      <rect x={-82} y={-18} width={164} height={18} rx={5} fill={ART.matte} />
      <rect x={46} y={-14} width={26} height={9} rx={2} fill="#88d4bd" />
    </g>
  );
}

/** A big glass jar of cold brew with a steel filter inside. Base at the origin. */
export function ColdBrewJar() {
  return (
    <g>
      <GroundShadow width={116} />
      <rect
        x={-52}
        y={-172}
        width={104}
        height={172}
        rx={16}
        fill={ART.glass}
        opacity={0.8}
        stroke={ART.glassEdge}
        strokeWidth={2.5}
      />
      <rect x={-49} y={-130} width={98} height={127} rx={13} fill="#3b2216" />
      <rect x={-17} y={-172} width={34} height={150} rx={6} fill={ART.steel} opacity={0.55} />
      <path
        d="M -17 -150 L 17 -150 M -17 -120 L 17 -120 M -17 -90 L 17 -90 M -17 -60 L 17 -60"
        stroke={ART.steelDark}
        strokeWidth={1.5}
        opacity={0.6}
      />
      <rect x={-48} y={-190} width={96} height={20} rx={6} fill={ART.matte} />
      <rect x={-38} y={-160} width={9} height={140} rx={4} fill="#ffffff" opacity={0.35} />
    </g>
  );
}
