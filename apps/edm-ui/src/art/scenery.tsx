/** Behind every product: a soft disc of light, and for the camper's kit, mountains. */
export function Backdrop({ tint, glow }: { tint: string; glow: string }) {
  return (
    <g>
      <rect width={400} height={300} fill={tint} />
      <circle cx={200} cy={140} r={112} fill={glow} opacity={0.55} />
      <rect y={250} width={400} height={50} fill="#000000" opacity={0.035} />
    </g>
  );
}

export function Mountains() {
  return (
    <g>
      <path
        d="M 0 250 L 70 150 L 120 200 L 190 110 L 270 210 L 320 160 L 400 240 L 400 250 Z"
        fill="#a9bccb"
        opacity={0.7}
      />
      <path d="M 170 138 L 190 110 L 210 138 L 200 132 L 190 140 L 180 132 Z" fill="#ffffff" opacity={0.9} />
      <path
        d="M 0 250 L 50 210 L 110 236 L 170 196 L 250 240 L 330 205 L 400 235 L 400 250 Z"
        fill="#7f98a8"
        opacity={0.6}
      />
    </g>
  );
}
