import { Link } from "react-router";
import { ProductArt } from "../art/product-art";
import { useCart } from "../cart/cart-context";
import { formatPrice, productHref } from "../catalog";
import { OrderSummary } from "../components/order-summary";
import { QuantityStepper } from "../components/quantity-stepper";
import { TrackedButton, TrackedLink } from "../components/tracked";
import { usePageView } from "../tracking/tracking-context";

export function CartPage() {
  usePageView("cart", "Your cart");
  const { totals, setQuantity, remove } = useCart();
  if (totals.lines.length === 0) {
    return (
      <section className="notice" data-testid="cart-empty">
        <h1>Your cart is empty</h1>
        <p>Pick a complete kit, or start with a single piece.</p>
        <div className="notice-actions">
          <TrackedLink to="/kits" buttonId="browse-kits" className="btn btn-solid">
            Browse Kits
          </TrackedLink>
          <TrackedLink to="/products" buttonId="browse-products" className="btn btn-outline">
            Browse Products
          </TrackedLink>
        </div>
      </section>
    );
  }
  return (
    <div className="cart-layout">
      <section aria-labelledby="cart-title">
        <h1 id="cart-title">Your cart</h1>
        <ul className="cart-lines">
          {totals.lines.map(({ product, quantity, lineTotalCents }) => (
            <li
              key={product.path}
              className="cart-line"
              data-testid="cart-line"
              data-button-id={product.buttonId}
            >
              <Link to={productHref(product)} className="cart-line-art" tabIndex={-1} aria-hidden="true">
                <ProductArt product={product} />
              </Link>
              <div className="cart-line-text">
                <Link to={productHref(product)} className="cart-line-name">
                  {product.name}
                </Link>
                <span className="cart-line-unit">{formatPrice(product.priceCents)} each</span>
                <TrackedButton
                  buttonId="cart-remove"
                  description={`remove ${product.name}`}
                  className="link-button"
                  aria-label={`Remove ${product.name}`}
                  onClick={() => remove(product.path)}
                >
                  Remove
                </TrackedButton>
              </div>
              <QuantityStepper
                product={product}
                quantity={quantity}
                onChange={(next) => setQuantity(product.path, next)}
              />
              <span className="cart-line-total" data-testid="line-total">
                {formatPrice(lineTotalCents)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <OrderSummary totals={totals}>
        <TrackedLink to="/checkout" buttonId="checkout" className="btn btn-hot btn-block">
          Proceed to Checkout
        </TrackedLink>
        <TrackedLink to="/" buttonId="continue-shopping" className="btn btn-quiet btn-block">
          Continue Shopping
        </TrackedLink>
      </OrderSummary>
    </div>
  );
}
