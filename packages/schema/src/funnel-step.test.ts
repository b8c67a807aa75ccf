import { describe, expect, it } from "vitest";
import type { EdmEvent } from "./event";
import { funnelDepth, funnelStepOf } from "./funnel-step";
import { SHOP_PRODUCTS } from "./shop-catalog";

const click = (button_id: string): EdmEvent => ({
  topic: "edm-ui-click",
  uuid: "s",
  event_timestamp: 1,
  properties: { button_id, description: "button click" },
});
const load = (path: string): EdmEvent => ({
  topic: "edm-ui-pageload",
  uuid: "s",
  event_timestamp: 1,
  properties: { user_agent: "test", description: "page loaded", url: `https://shop.test${path}` },
});

describe("funnelStepOf", () => {
  it("reads the shop's own pages and buttons", () => {
    const product = SHOP_PRODUCTS[0];
    expect(funnelStepOf(load("/"))).toBe("visited");
    expect(funnelStepOf(load("/kits"))).toBe("visited");
    expect(funnelStepOf(load(product?.href ?? ""))).toBe("viewedProduct");
    expect(funnelStepOf(click(product?.buttonId ?? ""))).toBe("addedToCart");
    expect(funnelStepOf(click("cart"))).toBe("visited");
    expect(funnelStepOf(click("place-order"))).toBe("checkedOut");
    expect(funnelStepOf(load("/order/1042"))).toBe("checkedOut");
  });

  it("orders the steps", () => {
    expect(
      ["visited", "viewedProduct", "addedToCart", "checkedOut"].map((step) => funnelDepth(step as never)),
    ).toEqual([0, 1, 2, 3]);
  });
});
