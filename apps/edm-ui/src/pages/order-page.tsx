import { useLocation, useParams } from "react-router";
import { formatPrice } from "../catalog";
import { LAST_ORDER_KEY, type PlacedOrder, parseOrder } from "../checkout/order";
import { OrderSummary } from "../components/order-summary";
import { TrackedLink } from "../components/tracked";
import { usePageView } from "../tracking/tracking-context";

function savedOrder(): PlacedOrder | undefined {
  try {
    return parseOrder(sessionStorage.getItem(LAST_ORDER_KEY));
  } catch {
    return undefined;
  }
}

export function OrderPage() {
  usePageView("order confirmation", "Order confirmed");
  const { number } = useParams();
  const { state } = useLocation();
  const order = [parseOrder(JSON.stringify(state ?? null)), savedOrder()].find(
    (candidate) => candidate?.number === number,
  );

  if (!order) {
    return (
      <section className="notice">
        <h1>We can’t find that order</h1>
        <p>Order confirmations are kept only in the browser tab that placed them.</p>
        <TrackedLink to="/" buttonId="continue-shopping" className="btn btn-solid">
          Continue Shopping
        </TrackedLink>
      </section>
    );
  }

  return (
    <div className="checkout-layout">
      <section className="confirmation" aria-labelledby="confirmation-title" data-testid="order-confirmation">
        <p className="confirmation-check" aria-hidden="true">
          ✓
        </p>
        <h1 id="confirmation-title">Thank you, {order.name.split(" ")[0]}!</h1>
        <p>
          Order <strong data-testid="order-number">{order.number}</strong> is confirmed. A receipt would go to{" "}
          <strong>{order.email}</strong>, if this shop were real.
        </p>
        <p className="muted">
          No payment was taken. Every click you made on the way here became an event in Kafka.
        </p>
        <TrackedLink to="/" buttonId="continue-shopping" className="btn btn-solid">
          Continue Shopping
        </TrackedLink>
      </section>
      <OrderSummary totals={order}>
        <ul className="summary-lines">
          {order.lines.map((line) => (
            <li key={line.name}>
              <span>
                {line.name} <span className="muted">× {line.quantity}</span>
              </span>
              <span>{formatPrice(line.lineTotalCents)}</span>
            </li>
          ))}
        </ul>
      </OrderSummary>
    </div>
  );
}
