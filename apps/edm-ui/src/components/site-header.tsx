import { Link } from "react-router";
import { useCart } from "../cart/cart-context";
import { Logo } from "./logo";
import { TrackedLink } from "./tracked";

export function SiteHeader() {
  const { totals } = useCart();
  const count = totals.itemCount;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="home-link" aria-label="Fix – Fine Coffee Kits, home">
          <Logo />
        </Link>
        <nav className="main-nav" aria-label="Shop">
          <TrackedLink to="/kits" buttonId="browse-kits" className="btn btn-solid">
            Browse Kits
          </TrackedLink>
          <TrackedLink to="/products" buttonId="browse-products" className="btn btn-outline">
            Browse Products
          </TrackedLink>
        </nav>
        <TrackedLink
          to="/cart"
          buttonId="cart"
          description="open the cart"
          className="cart-link"
          aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}
        >
          <CartIcon />
          <span className="cart-link-label">Cart</span>
          <span className="cart-count" data-testid="cart-count" data-count={count} hidden={count === 0}>
            {count}
          </span>
        </TrackedLink>
      </div>
    </header>
  );
}

function CartIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M3 4h2l2.2 10.2a1.5 1.5 0 0 0 1.5 1.2h8.6a1.5 1.5 0 0 0 1.5-1.1L21 8H6.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="9.5" cy="19.5" r="1.4" fill="currentColor" />
      <circle cx="17" cy="19.5" r="1.4" fill="currentColor" />
    </svg>
  );
}
