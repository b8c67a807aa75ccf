import { ART } from "./palette";
import { GroundShadow } from "./shapes";

/** A kraft bag of whole beans with a tin tie and a label. Base at the origin. */
export function CoffeeBag({
  title = "BUNUM WO",
  subtitle = "PAPUA NEW GUINEA",
}: {
  title?: string;
  subtitle?: string;
}) {
  return (
    <g>
      <GroundShadow width={116} />
      <path
        d="M -56 0 L 56 0 L 50 -150 L -50 -150 Z"
        fill={ART.kraft}
        stroke={ART.kraftDark}
        strokeWidth={2}
      />
      <path
        d="M -50 -150 L 50 -150 L 48 -174 L -48 -174 Z"
        fill="#bb936b"
        stroke={ART.kraftDark}
        strokeWidth={2}
      />
      <rect x={-58} y={-162} width={116} height={7} rx={2} fill="#9a9fa3" />
      <path d="M -50 -150 L -56 0" stroke="#b8916a" strokeWidth={6} opacity={0.6} />
      <rect x={-37} y={-118} width={74} height={86} rx={4} fill={ART.paper} />
      <ellipse cx={0} cy={-94} rx={11} ry={15} fill={ART.coffee} transform="rotate(25 0 -94)" />
      <path
        d="M -4 -107 Q 4 -94 -2 -80"
        stroke={ART.kraft}
        strokeWidth={2.5}
        fill="none"
        transform="rotate(25 0 -94)"
      />
      <text x={0} y={-63} textAnchor="middle" fontSize={10} fontWeight={700} fill="#2b1d14" letterSpacing={1}>
        {title}
      </text>
      <text x={0} y={-49} textAnchor="middle" fontSize={6.5} fill="#6f625a" letterSpacing={0.6}>
        {subtitle}
      </text>
    </g>
  );
}

/** A few loose beans on the table around a bag. */
export function Beans({ spots }: { spots: [number, number, number][] }) {
  return (
    <g>
      {spots.map(([x, y, angle]) => (
        <g key={`${x}-${y}`} transform={`translate(${x} ${y}) rotate(${angle})`}>
          <ellipse rx={7} ry={10} fill={ART.coffee} />
          <path d="M -1 -8 Q 3 0 -1 8" stroke={ART.coffeeLight} strokeWidth={1.6} fill="none" />
        </g>
      ))}
    </g>
  );
}
