import type { CartTotals } from "../cart/cart";
import { FREE_SHIPPING_FROM_CENTS } from "../cart/cart";
import { formatPrice } from "../catalog";

/** Subtotal, shipping and total; the numbers tests read carry data-testids. */
export function OrderSummary({
  totals,
  children,
}: {
  totals: Omit<CartTotals, "lines">;
  children?: React.ReactNode;
}) {
  const toFree = FREE_SHIPPING_FROM_CENTS - totals.subtotalCents;
  return (
    <section className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" className="summary-title">
        Order summary
      </h2>
      <dl className="summary-rows">
        <div>
          <dt>
            Subtotal ({totals.itemCount} {totals.itemCount === 1 ? "item" : "items"})
          </dt>
          <dd data-testid="cart-subtotal">{formatPrice(totals.subtotalCents)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd data-testid="cart-shipping">
            {totals.shippingCents === 0 ? "Free" : formatPrice(totals.shippingCents)}
          </dd>
        </div>
        <div className="summary-total">
          <dt>Total</dt>
          <dd data-testid="cart-total">{formatPrice(totals.totalCents)}</dd>
        </div>
      </dl>
      {totals.itemCount > 0 && toFree > 0 && (
        <p className="summary-note">Add {formatPrice(toFree)} more for free shipping.</p>
      )}
      {children}
    </section>
  );
}
