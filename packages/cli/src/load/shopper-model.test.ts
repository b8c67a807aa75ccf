import { SHOP_PRODUCTS } from "@edm/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_VISIT_ACTIONS, planVisit, type ShopperAction } from "./shopper-model";

/** A random source that replays fast-check's numbers (then repeats the last). */
const replaying = (numbers: number[]) => {
  let index = 0;
  return () => numbers[Math.min(index++, numbers.length - 1)] ?? 0;
};
const numbers = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});

const knownButtons = new Set([
  ...SHOP_PRODUCTS.map((product) => product.buttonId),
  "browse-kits",
  "browse-products",
  "about",
  "support",
  "contact-us",
  "cart",
  "checkout",
  "place-order",
]);
const pagesSeen = (actions: ShopperAction[], until: number) =>
  actions.slice(0, until).flatMap((action) => (action.kind === "pageload" ? [action.page] : []));

describe("planVisit", () => {
  it("walks the funnel in the shop's order, with the shop's button ids, and ends", () => {
    fc.assert(
      fc.property(numbers, (draws) => {
        const actions = planVisit(replaying(draws));
        expect(actions[0]).toEqual({ kind: "pageload", page: "home", path: "/" });
        expect(actions.length).toBeLessThanOrEqual(MAX_VISIT_ACTIONS);
        actions.forEach((action, index) => {
          if (action.kind !== "click") return;
          expect(knownButtons.has(action.buttonId)).toBe(true);
          const product = SHOP_PRODUCTS.find((entry) => entry.buttonId === action.buttonId);
          // An item is added from its own page; the cart, checkout and order follow one another.
          if (product)
            expect(actions[index - 1]).toEqual({ kind: "pageload", page: product.name, path: product.href });
          if (action.buttonId === "cart")
            expect(
              actions
                .slice(0, index)
                .some((a) => a.kind === "click" && SHOP_PRODUCTS.some((p) => p.buttonId === a.buttonId)),
            ).toBe(true);
          if (action.buttonId === "checkout") expect(pagesSeen(actions, index)).toContain("cart");
          if (action.buttonId === "place-order") expect(pagesSeen(actions, index)).toContain("checkout");
        });
      }),
    );
  });

  it("bounces a shopper who views nothing", () => {
    expect(planVisit(() => 0.99)).toEqual([{ kind: "pageload", page: "home", path: "/" }]);
  });

  it("takes an eager shopper all the way to the order", () => {
    const actions = planVisit(() => 0);
    expect(actions.at(-1)).toMatchObject({ kind: "pageload", page: "order confirmation" });
    expect(actions.length).toBe(MAX_VISIT_ACTIONS);
  });

  it("drops shoppers off along the way, as a funnel does", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const visits = Array.from({ length: 5_000 }, () => planVisit(random));
    const reached = (page: string) =>
      visits.filter((visit) => visit.some((a) => a.kind === "pageload" && a.page === page)).length;
    const viewed = visits.filter(
      (visit) =>
        visit.length > 1 &&
        visit.some((a) => a.kind === "pageload" && SHOP_PRODUCTS.some((p) => p.name === a.page)),
    ).length;
    const steps = [
      visits.length,
      viewed,
      reached("cart"),
      reached("checkout"),
      reached("order confirmation"),
    ];
    for (let index = 1; index < steps.length; index++)
      expect(steps[index]).toBeLessThan(steps[index - 1] as number);
    expect(steps[4]).toBeGreaterThan(0);
  });
});
