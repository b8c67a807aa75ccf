import { SHOP_PRODUCTS, type ShopProduct } from "@edm/schema";

/** One thing a shopper does that the shop turns into an event. */
export type ShopperAction =
  /** A route load; `page` is what the shop's page load says ("home", a product's name, "cart"). */
  { kind: "pageload"; page: string; path: string } | { kind: "click"; buttonId: string; description: string };

/** A number in [0, 1), like Math.random; tests pass their own. */
export type Random = () => number;

/**
 * How shoppers behave, roughly as in an online shop's analytics: most look at one or two products and
 * leave; about a third of those who look add something; about half who open the cart check out.
 */
export const FUNNEL = {
  browseCollection: 0.35,
  viewProduct: 0.75,
  anotherProduct: 0.45,
  maxProductViews: 6,
  addToCart: 0.3,
  openCart: 0.7,
  checkout: 0.55,
  placeOrder: 0.75,
  infoPage: 0.2,
} as const;

/** The most actions one visit can have: home, browse (2), views with adds (2 each), cart, checkout, order (2 each). */
export const MAX_VISIT_ACTIONS = 1 + 2 + 2 * FUNNEL.maxProductViews + 6;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** One shopper's visit, from the home page to wherever they drop off. Pure. */
export function planVisit(random: Random): ShopperAction[] {
  const actions: ShopperAction[] = [{ kind: "pageload", page: "home", path: "/" }];
  let shelf: readonly ShopProduct[] = SHOP_PRODUCTS;

  if (random() < FUNNEL.browseCollection) {
    const kits = random() < 0.5;
    actions.push(
      { kind: "click", buttonId: kits ? "browse-kits" : "browse-products", description: "button click" },
      { kind: "pageload", page: kits ? "kits" : "products", path: kits ? "/kits" : "/products" },
    );
    shelf = SHOP_PRODUCTS.filter((product) => product.category === (kits ? "kit" : "component"));
  }

  let inCart = 0;
  let wantsMore = random() < FUNNEL.viewProduct;
  for (let views = 0; wantsMore && views < FUNNEL.maxProductViews; views++) {
    const product = pick(random, shelf);
    actions.push({ kind: "pageload", page: product.name, path: product.href });
    if (random() < FUNNEL.addToCart) {
      actions.push({ kind: "click", buttonId: product.buttonId, description: "button click" });
      inCart++;
    }
    wantsMore = random() < FUNNEL.anotherProduct;
  }

  if (inCart === 0) {
    if (random() < FUNNEL.infoPage) {
      const page = pick(random, ["about", "support", "contact"] as const);
      actions.push(
        { kind: "click", buttonId: page === "contact" ? "contact-us" : page, description: "button click" },
        { kind: "pageload", page, path: `/${page}` },
      );
    }
    return actions;
  }
  if (random() >= FUNNEL.openCart) return actions;
  actions.push(
    { kind: "click", buttonId: "cart", description: "open the cart" },
    { kind: "pageload", page: "cart", path: "/cart" },
  );
  if (random() >= FUNNEL.checkout) return actions;
  actions.push(
    { kind: "click", buttonId: "checkout", description: "button click" },
    { kind: "pageload", page: "checkout", path: "/checkout" },
  );
  if (random() >= FUNNEL.placeOrder) return actions;
  const orderNumber = String(100_000 + Math.floor(random() * 900_000));
  actions.push(
    { kind: "click", buttonId: "place-order", description: "button click" },
    { kind: "pageload", page: "order confirmation", path: `/order/${orderNumber}` },
  );
  return actions;
}
