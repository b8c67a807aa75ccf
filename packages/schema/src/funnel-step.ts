import type { EdmEvent } from "./event";
import { pageOf } from "./page";
import { SHOP_PRODUCTS } from "./shop-catalog";

/** The shop's funnel, in order: each step implies the ones before it. */
export const FUNNEL_STEPS = ["visited", "viewedProduct", "addedToCart", "checkedOut"] as const;

export type FunnelStep = (typeof FUNNEL_STEPS)[number];

const PRODUCT_PAGES = new Set(SHOP_PRODUCTS.map((product) => product.href));
const ADD_TO_CART_BUTTONS = new Set(SHOP_PRODUCTS.map((product) => product.buttonId));
/** The checkout page's "Place order" button (apps/edm-ui/src/pages/checkout-page.tsx). */
const PLACE_ORDER_BUTTON = "place-order";

/**
 * How far into the funnel one event shows its visitor got, from what the shop really sends: any event is a
 * visit; a product page's load (SHOP_PRODUCTS' pages) a product view; a product's "Add to Cart" click (its
 * button id) an add to cart; "Place order", or the order page that follows it, a checkout.
 */
export function funnelStepOf(event: EdmEvent): FunnelStep {
  if (event.topic === "edm-ui-click") {
    const button = event.properties.button_id;
    if (button === PLACE_ORDER_BUTTON) return "checkedOut";
    if (ADD_TO_CART_BUTTONS.has(button)) return "addedToCart";
    return "visited";
  }
  const page = pageOf(event.properties.url);
  if (page.startsWith("/order/")) return "checkedOut";
  if (PRODUCT_PAGES.has(page)) return "viewedProduct";
  return "visited";
}

/** The step's place in the funnel, 0 for "visited". */
export function funnelDepth(step: FunnelStep): number {
  return FUNNEL_STEPS.indexOf(step);
}
