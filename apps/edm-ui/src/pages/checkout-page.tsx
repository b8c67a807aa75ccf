import { useState } from "react";
import { useNavigate } from "react-router";
import { useCart } from "../cart/cart-context";
import { formatPrice } from "../catalog";
import {
  COUNTRIES,
  LAST_ORDER_KEY,
  placeOrder,
  type ShippingDetails,
  type ShippingField,
  validateShipping,
} from "../checkout/order";
import { FormField, SelectField } from "../components/form-field";
import { OrderSummary } from "../components/order-summary";
import { TrackedButton, TrackedLink } from "../components/tracked";
import { usePageView } from "../tracking/tracking-context";

const EMPTY: ShippingDetails = { name: "", email: "", address: "", city: "", postalCode: "", country: "" };

export function CheckoutPage() {
  usePageView("checkout", "Checkout");
  const { totals, clear } = useCart();
  const navigate = useNavigate();
  const [details, setDetails] = useState<ShippingDetails>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<ShippingField, string>>>({});

  if (totals.lines.length === 0) {
    return (
      <section className="notice">
        <h1>Nothing to check out yet</h1>
        <p>Your cart is empty.</p>
        <TrackedLink to="/" buttonId="continue-shopping" className="btn btn-solid">
          Continue Shopping
        </TrackedLink>
      </section>
    );
  }

  const bind = (field: ShippingField) => ({
    name: field,
    value: details[field],
    error: errors[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDetails((current) => ({ ...current, [field]: event.target.value })),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const problems = validateShipping(details);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      const form = event.currentTarget as HTMLFormElement;
      // After React has marked the fields invalid: take the visitor to the first one to fix.
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    const order = placeOrder(totals, details, Date.now());
    try {
      sessionStorage.setItem(LAST_ORDER_KEY, JSON.stringify(order));
    } catch {
      // The confirmation page also gets the order through navigation state.
    }
    clear();
    navigate(`/order/${order.number}`, { state: order });
  };

  return (
    <div className="checkout-layout">
      <form className="checkout-form" onSubmit={submit} noValidate aria-labelledby="checkout-title">
        <h1 id="checkout-title">Checkout</h1>
        <p className="demo-note" role="note">
          This is a demo shop: no payment is taken and nothing will ship.
        </p>
        <fieldset>
          <legend>Contact</legend>
          <FormField label="Full name" autoComplete="name" {...bind("name")} />
          <FormField label="Email" type="email" autoComplete="email" {...bind("email")} />
        </fieldset>
        <fieldset>
          <legend>Shipping address</legend>
          <FormField label="Street address" autoComplete="street-address" {...bind("address")} />
          <div className="field-row">
            <FormField label="City" autoComplete="address-level2" {...bind("city")} />
            <FormField label="Postal code" autoComplete="postal-code" {...bind("postalCode")} />
          </div>
          <SelectField label="Country" autoComplete="country-name" options={COUNTRIES} {...bind("country")} />
        </fieldset>
        <TrackedButton type="submit" buttonId="place-order" className="btn btn-hot btn-large btn-block">
          Place Order · {formatPrice(totals.totalCents)}
        </TrackedButton>
      </form>
      <OrderSummary totals={totals}>
        <ul className="summary-lines">
          {totals.lines.map(({ product, quantity, lineTotalCents }) => (
            <li key={product.path}>
              <span>
                {product.name} <span className="muted">× {quantity}</span>
              </span>
              <span>{formatPrice(lineTotalCents)}</span>
            </li>
          ))}
        </ul>
      </OrderSummary>
    </div>
  );
}
