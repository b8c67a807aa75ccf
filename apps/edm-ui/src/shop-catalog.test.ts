import { SHOP_PRODUCTS } from "@edm/schema";
import { describe, expect, it } from "vitest";
import { PRODUCTS, productHref } from "./catalog";

describe("@edm/schema's copy of the shop's product identifiers", () => {
  it("equals the shop's catalog, so simulated shoppers send what real ones do", () => {
    const fromShop = PRODUCTS.map((product) => ({
      name: product.name,
      buttonId: product.buttonId,
      href: productHref(product),
      category: product.category,
    }));
    expect(SHOP_PRODUCTS).toEqual(fromShop);
  });
});
