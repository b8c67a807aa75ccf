import { type Product, productByPath } from "../catalog";

// The cart as plain data and pure functions: the React store persists and shares it, these decide.

export interface CartLine {
  /** Product.path: stable and URL-safe. */
  productPath: string;
  quantity: number;
}

export type Cart = readonly CartLine[];

export const MAX_QUANTITY = 99;
export const SHIPPING_CENTS = 795;
export const FREE_SHIPPING_FROM_CENTS = 15_000;

function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 0;
  return Math.min(MAX_QUANTITY, Math.max(0, Math.floor(quantity)));
}

/** Sets one line's quantity; 0 or less removes it, a new product goes to the end. */
export function setQuantity(cart: Cart, productPath: string, quantity: number): Cart {
  const next = clampQuantity(quantity);
  const exists = cart.some((line) => line.productPath === productPath);
  if (!exists) return next > 0 ? [...cart, { productPath, quantity: next }] : cart;
  if (next === 0) return cart.filter((line) => line.productPath !== productPath);
  return cart.map((line) => (line.productPath === productPath ? { productPath, quantity: next } : line));
}

export function quantityOf(cart: Cart, productPath: string): number {
  return cart.find((line) => line.productPath === productPath)?.quantity ?? 0;
}

export function addItem(cart: Cart, productPath: string, quantity = 1): Cart {
  return setQuantity(cart, productPath, quantityOf(cart, productPath) + quantity);
}

export function removeItem(cart: Cart, productPath: string): Cart {
  return setQuantity(cart, productPath, 0);
}

export interface PricedLine {
  product: Product;
  quantity: number;
  lineTotalCents: number;
}

export interface CartTotals {
  lines: PricedLine[];
  itemCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
}

/** Prices every line from the catalog; lines for products no longer sold are left out. */
export function cartTotals(
  cart: Cart,
  find: (path: string) => Product | undefined = productByPath,
): CartTotals {
  const lines: PricedLine[] = [];
  for (const line of cart) {
    const product = find(line.productPath);
    if (product)
      lines.push({ product, quantity: line.quantity, lineTotalCents: product.priceCents * line.quantity });
  }
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const shippingCents = itemCount === 0 || subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
  return { lines, itemCount, subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents };
}

/**
 * Reads a cart saved by any earlier version of the page: anything unreadable becomes an empty cart,
 * unknown products and impossible quantities are dropped, duplicates merged.
 */
export function parseCart(
  text: string | null,
  known: (path: string) => boolean = (path) => !!productByPath(path),
): Cart {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  let cart: Cart = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const { productPath, quantity } = item as Record<string, unknown>;
    if (typeof productPath !== "string" || typeof quantity !== "number" || !known(productPath)) continue;
    cart = addItem(cart, productPath, quantity);
  }
  return cart;
}
