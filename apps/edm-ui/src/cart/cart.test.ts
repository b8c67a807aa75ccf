import { describe, expect, it } from "vitest";
import {
  addItem,
  type Cart,
  cartTotals,
  FREE_SHIPPING_FROM_CENTS,
  MAX_QUANTITY,
  parseCart,
  quantityOf,
  removeItem,
  SHIPPING_CENTS,
  setQuantity,
} from "./cart";

const AEROPRESS = "aeropress-coffee-maker"; // $29.99
const CHEMEX_KIT = "the-chemex-kit"; // $396.96

describe("cart changes", () => {
  it("adds a product, then counts up when it is added again", () => {
    let cart: Cart = [];
    cart = addItem(cart, AEROPRESS);
    cart = addItem(cart, CHEMEX_KIT);
    cart = addItem(cart, AEROPRESS);
    expect(cart).toEqual([
      { productPath: AEROPRESS, quantity: 2 },
      { productPath: CHEMEX_KIT, quantity: 1 },
    ]);
  });

  it("sets quantities within 1..99 and removes a line set to 0", () => {
    let cart = addItem([], AEROPRESS);
    cart = setQuantity(cart, AEROPRESS, 500);
    expect(quantityOf(cart, AEROPRESS)).toBe(MAX_QUANTITY);
    cart = setQuantity(cart, AEROPRESS, 2.7);
    expect(quantityOf(cart, AEROPRESS)).toBe(2);
    expect(setQuantity(cart, AEROPRESS, 0)).toEqual([]);
    expect(setQuantity(cart, AEROPRESS, Number.NaN)).toEqual([]);
    expect(setQuantity([], CHEMEX_KIT, -3)).toEqual([]);
  });

  it("removes a line and leaves the others in order", () => {
    const cart = addItem(addItem(addItem([], AEROPRESS), CHEMEX_KIT), "the-cold-brew-kit");
    expect(removeItem(cart, CHEMEX_KIT).map((line) => line.productPath)).toEqual([
      AEROPRESS,
      "the-cold-brew-kit",
    ]);
  });

  it("never changes the cart it was given", () => {
    const cart = Object.freeze([Object.freeze({ productPath: AEROPRESS, quantity: 1 })]);
    expect(() => addItem(cart, AEROPRESS)).not.toThrow();
    expect(cart[0]?.quantity).toBe(1);
  });
});

describe("cartTotals", () => {
  it("prices lines in exact cents and charges shipping on small orders", () => {
    const totals = cartTotals(setQuantity([], AEROPRESS, 3));
    expect(totals.lines[0]?.lineTotalCents).toBe(8997);
    expect(totals.itemCount).toBe(3);
    expect(totals.subtotalCents).toBe(8997);
    expect(totals.shippingCents).toBe(SHIPPING_CENTS);
    expect(totals.totalCents).toBe(8997 + SHIPPING_CENTS);
  });

  it("ships free from the threshold on, and an empty cart costs nothing", () => {
    const totals = cartTotals(addItem(addItem([], CHEMEX_KIT), AEROPRESS));
    expect(totals.subtotalCents).toBe(39696 + 2999);
    expect(totals.subtotalCents).toBeGreaterThanOrEqual(FREE_SHIPPING_FROM_CENTS);
    expect(totals.shippingCents).toBe(0);
    expect(cartTotals([])).toMatchObject({ itemCount: 0, subtotalCents: 0, shippingCents: 0, totalCents: 0 });
  });

  it("leaves out products the catalog no longer has", () => {
    const totals = cartTotals([{ productPath: "discontinued", quantity: 2 }]);
    expect(totals.lines).toEqual([]);
    expect(totals.totalCents).toBe(0);
  });
});

describe("parseCart", () => {
  it("reads back what was saved", () => {
    const cart = addItem(setQuantity([], AEROPRESS, 2), CHEMEX_KIT);
    expect(parseCart(JSON.stringify(cart))).toEqual(cart);
  });

  it("turns anything unreadable into an empty cart", () => {
    for (const text of [null, "", "{", "42", '{"a":1}', "null"]) expect(parseCart(text)).toEqual([]);
  });

  it("drops unknown products and bad quantities, and merges duplicates", () => {
    const saved = [
      { productPath: AEROPRESS, quantity: 1 },
      { productPath: "gone", quantity: 1 },
      { productPath: CHEMEX_KIT, quantity: "2" },
      { productPath: AEROPRESS, quantity: 2 },
      { productPath: CHEMEX_KIT, quantity: -1 },
      null,
    ];
    expect(parseCart(JSON.stringify(saved))).toEqual([{ productPath: AEROPRESS, quantity: 3 }]);
  });
});
