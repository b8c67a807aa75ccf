import { useCart } from "../cart/cart-context";
import type { Product } from "../catalog";
import { useToast } from "./toast";
import { TrackedButton } from "./tracked";

/**
 * "Add to Cart" sends the product's original button id ("the-camper's-kit") with the original's
 * description, "button click", so its counts continue the original shop's history.
 */
export function AddToCartButton({ product, className = "" }: { product: Product; className?: string }) {
  const { add } = useCart();
  const toast = useToast();
  return (
    <TrackedButton
      buttonId={product.buttonId}
      className={`btn btn-hot ${className}`}
      onClick={() => {
        add(product.path);
        toast(`Added ${product.name} to your cart`);
      }}
    >
      Add to Cart
    </TrackedButton>
  );
}
