import type { CartTotals } from "../cart/cart";

// The mock checkout: what the form must hold, and the order it makes. No payment, nothing ships.

export const SHIPPING_FIELDS = ["name", "email", "address", "city", "postalCode", "country"] as const;
export type ShippingField = (typeof SHIPPING_FIELDS)[number];
export type ShippingDetails = Record<ShippingField, string>;

export const COUNTRIES = [
  "United States",
  "Canada",
  "United Kingdom",
  "Germany",
  "France",
  "Japan",
  "Australia",
];

export function validateShipping(details: ShippingDetails): Partial<Record<ShippingField, string>> {
  const errors: Partial<Record<ShippingField, string>> = {};
  const required: Record<ShippingField, string> = {
    name: "Please enter your name",
    email: "Please enter your email address",
    address: "Please enter a street address",
    city: "Please enter a city",
    postalCode: "Please enter a postal code",
    country: "Please choose a country",
  };
  for (const field of SHIPPING_FIELDS) {
    if (details[field].trim() === "") errors[field] = required[field];
  }
  if (!errors.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(details.email.trim())) {
    errors.email = "That email address does not look right";
  }
  return errors;
}

export interface OrderLine {
  name: string;
  quantity: number;
  lineTotalCents: number;
}

export interface PlacedOrder {
  number: string;
  placedAt: number;
  name: string;
  email: string;
  lines: OrderLine[];
  itemCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
}

// No 0/O or 1/I: order numbers get read out over the phone.
const ORDER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function orderNumber(random: () => number = Math.random): string {
  let code = "";
  for (let i = 0; i < 6; i += 1) code += ORDER_ALPHABET[Math.floor(random() * ORDER_ALPHABET.length)] ?? "X";
  return `FIX-${code}`;
}

export function placeOrder(
  totals: CartTotals,
  details: ShippingDetails,
  now: number,
  random?: () => number,
): PlacedOrder {
  const { itemCount, subtotalCents, shippingCents, totalCents } = totals;
  return {
    number: orderNumber(random),
    placedAt: now,
    name: details.name.trim(),
    email: details.email.trim(),
    lines: totals.lines.map(({ product, quantity, lineTotalCents }) => ({
      name: product.name,
      quantity,
      lineTotalCents,
    })),
    itemCount,
    subtotalCents,
    shippingCents,
    totalCents,
  };
}

export const LAST_ORDER_KEY = "edm-ui:last-order";

/** The confirmation page reads the order back from sessionStorage, so a reload still shows it. */
export function parseOrder(text: string | null): PlacedOrder | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PlacedOrder>;
    if (
      typeof value.number !== "string" ||
      !Array.isArray(value.lines) ||
      typeof value.totalCents !== "number"
    ) {
      return undefined;
    }
    return value as PlacedOrder;
  } catch {
    return undefined;
  }
}
