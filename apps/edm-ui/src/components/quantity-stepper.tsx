import { MAX_QUANTITY } from "../cart/cart";
import type { Product } from "../catalog";
import { TrackedButton } from "./tracked";

/** − n + for one cart line; each press is a click event naming the product in its description. */
export function QuantityStepper({
  product,
  quantity,
  onChange,
}: {
  product: Product;
  quantity: number;
  onChange: (quantity: number) => void;
}) {
  return (
    <fieldset className="stepper" aria-label={`Quantity of ${product.name}`}>
      <TrackedButton
        buttonId="cart-decrease"
        description={`decrease ${product.name}`}
        className="stepper-button"
        aria-label={`One fewer ${product.name}`}
        onClick={() => onChange(quantity - 1)}
      >
        −
      </TrackedButton>
      <output className="stepper-value" data-testid="line-quantity" aria-live="polite">
        {quantity}
      </output>
      <TrackedButton
        buttonId="cart-increase"
        description={`increase ${product.name}`}
        className="stepper-button"
        aria-label={`One more ${product.name}`}
        disabled={quantity >= MAX_QUANTITY}
        onClick={() => onChange(quantity + 1)}
      >
        +
      </TrackedButton>
    </fieldset>
  );
}
