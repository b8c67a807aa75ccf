import { describe, expect, it } from "vitest";
import {
  COMPONENTS,
  formatPrice,
  KITS,
  PRODUCTS,
  pathSlug,
  productByButtonId,
  productByPath,
  productHref,
  slug,
} from "./catalog";

// The ids and prices of the original page (heroku-examples edm-ui, Home.js), in its order.
const ORIGINAL = [
  ["areopress-coffee-maker", "$29.99"],
  ["msr-reactor-2.5l-stove-system", "$159.99"],
  ["bunum-wo-aa,-papua-new-guinea", "$21.99"],
  ["chemex-classic-6-cup-coffee-maker", "$39.99"],
  ["the-chemex-kit", "$396.96"],
  ["the-pour-over-kit", "$171.96"],
  ["the-camper's-kit", "$272.95"],
  ["the-french-press-kit", "$219.94"],
  ["the-cold-brew-kit", "$133.96"],
];

describe("slug", () => {
  it("makes the original button ids from names", () => {
    expect(slug("The Camper's Kit")).toBe("the-camper's-kit");
    expect(slug("The Camper’s Kit")).toBe("the-camper's-kit");
    expect(slug("MSR Reactor 2.5L Stove System")).toBe("msr-reactor-2.5l-stove-system");
    expect(slug("Bunum Wo AA, Papua New Guinea")).toBe("bunum-wo-aa,-papua-new-guinea");
  });

  it("makes addresses of letters, digits and dashes only", () => {
    expect(pathSlug("The Camper’s Kit")).toBe("the-campers-kit");
    expect(pathSlug("MSR Reactor 2.5L Stove System")).toBe("msr-reactor-2-5l-stove-system");
    expect(pathSlug("Bunum Wo AA, Papua New Guinea")).toBe("bunum-wo-aa-papua-new-guinea");
  });
});

describe("catalog", () => {
  it("keeps the original page's button ids and prices, in its order", () => {
    expect(PRODUCTS.map((item) => [item.buttonId, formatPrice(item.priceCents)])).toEqual(ORIGINAL);
  });

  it("keeps the original's misspelt AeroPress id, and the slug of the name for every other product", () => {
    for (const item of PRODUCTS) {
      const expected = item.name === "AeroPress Coffee Maker" ? "areopress-coffee-maker" : slug(item.name);
      expect(item.buttonId).toBe(expected);
    }
  });

  it("has four components and five kits, each with a unique id and address", () => {
    expect(COMPONENTS).toHaveLength(4);
    expect(KITS).toHaveLength(5);
    expect(new Set(PRODUCTS.map((item) => item.buttonId)).size).toBe(PRODUCTS.length);
    expect(new Set(PRODUCTS.map((item) => item.path)).size).toBe(PRODUCTS.length);
  });

  it("finds products by address and by button id", () => {
    const kit = productByPath("the-campers-kit");
    expect(kit?.name).toBe("The Camper’s Kit");
    expect(productByButtonId("the-camper's-kit")).toBe(kit);
    expect(productByPath("nope")).toBeUndefined();
    expect(kit && productHref(kit)).toBe("/kits/the-campers-kit");
    const bag = productByButtonId("bunum-wo-aa,-papua-new-guinea");
    expect(bag && productHref(bag)).toBe("/products/bunum-wo-aa-papua-new-guinea");
  });
});
