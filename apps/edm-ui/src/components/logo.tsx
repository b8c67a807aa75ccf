/** The "Fix" wordmark with its strapline, drawn in type. */
export function Logo({ tone = "dark" }: { tone?: "dark" | "light" }) {
  return (
    <span className={`logo logo-${tone}`}>
      <span className="logo-mark" aria-hidden="true">
        Fix
      </span>
      <span className="logo-strap">Fine Coffee Kits</span>
    </span>
  );
}
