import { describe, expect, it } from "vitest";
import { addItem, cartTotals } from "../cart/cart";
import { orderNumber, parseOrder, placeOrder, type ShippingDetails, validateShipping } from "./order";

const details: ShippingDetails = {
  name: " Ada Lovelace ",
  email: "ada@example.com",
  address: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "United Kingdom",
};

describe("validateShipping", () => {
  it("accepts a complete address", () => {
    expect(validateShipping(details)).toEqual({});
  });

  it("names every missing field and a malformed email", () => {
    const errors = validateShipping({ ...details, name: " ", city: "", email: "ada@example" });
    expect(Object.keys(errors).sort()).toEqual(["city", "email", "name"]);
    expect(errors.email).toMatch(/does not look right/);
  });
});

describe("placeOrder", () => {
  it("copies the priced lines and totals, and numbers the order readably", () => {
    const totals = cartTotals(addItem(addItem([], "the-chemex-kit"), "aeropress-coffee-maker"));
    const order = placeOrder(totals, details, 1_700_000_000_000, () => 0);
    expect(order).toMatchObject({
      number: "FIX-222222",
      name: "Ada Lovelace",
      itemCount: 2,
      totalCents: 39696 + 2999,
      lines: [
        { name: "The Chemex Kit", quantity: 1, lineTotalCents: 39696 },
        { name: "AeroPress Coffee Maker", quantity: 1, lineTotalCents: 2999 },
      ],
    });
    expect(parseOrder(JSON.stringify(order))).toEqual(order);
  });

  it("makes order numbers without look-alike characters", () => {
    for (let i = 0; i < 50; i += 1) expect(orderNumber()).toMatch(/^FIX-[2-9A-HJ-NP-Z]{6}$/);
  });

  it("reads nothing from a missing or damaged saved order", () => {
    expect(parseOrder(null)).toBeUndefined();
    expect(parseOrder("{")).toBeUndefined();
    expect(parseOrder('{"number":1}')).toBeUndefined();
  });
});
