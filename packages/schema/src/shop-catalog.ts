// The shop's products as events name them: the "Add to Cart" button id (the original shop's, typos kept)
// and the page a product is shown on. A copy of apps/edm-ui/src/catalog.ts's identifiers (no prices or
// prose) so that tools such as `pnpm edm load` send what the shop sends without importing the app;
// apps/edm-ui/src/shop-catalog.test.ts keeps the two equal.

export interface ShopProduct {
  /** As shown; page loads of its page say "<name> page loaded". */
  name: string;
  /** `button_id` of its "Add to Cart" button. */
  buttonId: string;
  /** Its page's path, e.g. "/kits/the-campers-kit". */
  href: string;
  category: "component" | "kit";
}

export const SHOP_PRODUCTS: readonly ShopProduct[] = [
  {
    name: "AeroPress Coffee Maker",
    buttonId: "areopress-coffee-maker",
    href: "/products/aeropress-coffee-maker",
    category: "component",
  },
  {
    name: "MSR Reactor 2.5L Stove System",
    buttonId: "msr-reactor-2.5l-stove-system",
    href: "/products/msr-reactor-2-5l-stove-system",
    category: "component",
  },
  {
    name: "Bunum Wo AA, Papua New Guinea",
    buttonId: "bunum-wo-aa,-papua-new-guinea",
    href: "/products/bunum-wo-aa-papua-new-guinea",
    category: "component",
  },
  {
    name: "Chemex Classic 6-cup Coffee Maker",
    buttonId: "chemex-classic-6-cup-coffee-maker",
    href: "/products/chemex-classic-6-cup-coffee-maker",
    category: "component",
  },
  { name: "The Chemex Kit", buttonId: "the-chemex-kit", href: "/kits/the-chemex-kit", category: "kit" },
  {
    name: "The Pour Over Kit",
    buttonId: "the-pour-over-kit",
    href: "/kits/the-pour-over-kit",
    category: "kit",
  },
  { name: "The Camper’s Kit", buttonId: "the-camper's-kit", href: "/kits/the-campers-kit", category: "kit" },
  {
    name: "The French Press Kit",
    buttonId: "the-french-press-kit",
    href: "/kits/the-french-press-kit",
    category: "kit",
  },
  {
    name: "The Cold Brew Kit",
    buttonId: "the-cold-brew-kit",
    href: "/kits/the-cold-brew-kit",
    category: "kit",
  },
];
