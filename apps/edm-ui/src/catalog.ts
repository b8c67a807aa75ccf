// The original shop's catalog, names and prices as the original page showed them. Prices are in cents so
// totals add up exactly.

export type Category = "component" | "kit";

export interface Product {
  /** The original page's element id for this product, sent as `button_id` by its "Add to Cart" button. */
  buttonId: string;
  /** URL-safe id for routes (`/products/<path>`); the button id keeps apostrophes and commas. */
  path: string;
  name: string;
  category: Category;
  priceCents: number;
  tagline: string;
  description: string;
  /** For kits: what is in the box. For components: the highlights. */
  details: string[];
}

/**
 * The original shop's button ids: the product name lower-cased with spaces turned into "-", punctuation
 * kept ("The Camper’s Kit" -> "the-camper's-kit"; its typographic apostrophe became a plain one).
 */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, "-");
}

/** Letters and digits only, for addresses: "the-camper's-kit" -> "the-campers-kit". */
export function pathSlug(name: string): string {
  return slug(name)
    .replace(/['’,]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// The original page misspelled this one id ("areopress"); every recorded click on the AeroPress carries it,
// so it is kept for the counts to stay comparable with historic data.
const ORIGINAL_ID_OVERRIDES: Record<string, string> = {
  "AeroPress Coffee Maker": "areopress-coffee-maker",
};

type ProductInput = Omit<Product, "buttonId" | "path">;

function product(input: ProductInput): Product {
  return {
    ...input,
    buttonId: ORIGINAL_ID_OVERRIDES[input.name] ?? slug(input.name),
    path: pathSlug(input.name),
  };
}

export const COMPONENTS: readonly Product[] = [
  product({
    name: "AeroPress Coffee Maker",
    category: "component",
    priceCents: 2999,
    tagline: "Smooth, rich coffee in a minute, anywhere.",
    description:
      "Total immersion and gentle air pressure give a clean, low-acid cup with none of the grit of a press. Nearly unbreakable, packs small, and rinses clean in seconds.",
    details: ["Brews 1–3 cups", "350 micro-filters included", "BPA-free, shatterproof body"],
  }),
  product({
    name: "MSR Reactor 2.5L Stove System",
    category: "component",
    priceCents: 15999,
    tagline: "A boil in three minutes, even in the wind.",
    description:
      "A radiant burner and heat-exchanger pot that shrug off wind and cold. The fastest way to hot water at camp, and the heart of our Camper’s Kit.",
    details: ["2.5 L pot with clear lid", "Boils 1 L in about 3 minutes", "Canister and burner nest inside"],
  }),
  product({
    name: "Bunum Wo AA, Papua New Guinea",
    category: "component",
    priceCents: 2199,
    tagline: "Blackcurrant, cocoa and a syrupy body.",
    description:
      "Grown on smallholder plots in the Jiwaka highlands and roasted medium-light for filter brewing. Sweet and round with a bright, jammy finish.",
    details: ["12 oz whole bean", "Washed process, 1,600 m", "Roasted to order"],
  }),
  product({
    name: "Chemex Classic 6-cup Coffee Maker",
    category: "component",
    priceCents: 3999,
    tagline: "The icon of pour-over, since 1941.",
    description:
      "Hand-blown borosilicate glass with a polished wood collar and leather tie. Its thick bonded filters make a brilliantly clear, sediment-free cup.",
    details: [
      "Brews up to 30 oz",
      "Non-porous glass keeps no flavours",
      "Dishwasher safe (remove the collar)",
    ],
  }),
];

export const KITS: readonly Product[] = [
  product({
    name: "The Chemex Kit",
    category: "kit",
    priceCents: 39696,
    tagline: "Everything for a clear, bright pour-over at home.",
    description:
      "The full home pour-over bench: the classic Chemex, a burr grinder dialled in for it, a gooseneck kettle for a slow, even pour and a scale to keep every cup the same.",
    details: [
      "Chemex Classic 6-cup",
      "Conical burr grinder",
      "Gooseneck kettle",
      "Brew scale",
      "100 bonded filters",
    ],
  }),
  product({
    name: "The Pour Over Kit",
    category: "kit",
    priceCents: 17196,
    tagline: "A cup at a time, made just the way you like it.",
    description:
      "A ceramic cone dripper, a gooseneck kettle and a bag of our current single origin: the simplest way into hand-brewed coffee.",
    details: ["Ceramic cone dripper", "Gooseneck kettle", "Paper filters", "Bunum Wo AA, 12 oz"],
  }),
  product({
    name: "The Camper’s Kit",
    category: "kit",
    priceCents: 27295,
    tagline: "Great coffee at the trailhead.",
    description:
      "Fast water on a windy ridge and a proper cup to go with it: the MSR Reactor, an AeroPress, a hand grinder and an insulated mug, all packed to fit one side pocket.",
    details: [
      "MSR Reactor 2.5L Stove System",
      "AeroPress Coffee Maker",
      "Hand grinder",
      "Insulated camp mug",
    ],
  }),
  product({
    name: "The French Press Kit",
    category: "kit",
    priceCents: 21994,
    tagline: "Full body, no fuss, enough for everyone.",
    description:
      "A double-walled steel press that keeps coffee hot through second cups, with a burr grinder set for a coarse, even grind, and two stoneware mugs.",
    details: ["Double-walled steel press, 1 L", "Burr grinder", "Two stoneware mugs", "Bunum Wo AA, 12 oz"],
  }),
  product({
    name: "The Cold Brew Kit",
    category: "kit",
    priceCents: 13396,
    tagline: "Smooth, sweet concentrate, ready in the fridge.",
    description:
      "Steep overnight, filter in the morning, and keep a week of low-acid concentrate on hand. Comes with a coarse-ground blend picked for cold brewing.",
    details: [
      "1.5 L glass brew jar",
      "Reusable stainless filter",
      "Cold brew blend, 16 oz",
      "Two tall glasses",
    ],
  }),
];

export const PRODUCTS: readonly Product[] = [...COMPONENTS, ...KITS];

export function productByPath(path: string): Product | undefined {
  return PRODUCTS.find((item) => item.path === path);
}

export function productByButtonId(buttonId: string): Product | undefined {
  return PRODUCTS.find((item) => item.buttonId === buttonId);
}

/** The route of a product's own page. */
export function productHref(item: Product): string {
  return `/${item.category === "kit" ? "kits" : "products"}/${item.path}`;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatPrice(cents: number): string {
  return usd.format(cents / 100);
}
