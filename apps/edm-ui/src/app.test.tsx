// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./app";
import { CART_KEY } from "./cart/cart-context";
import { PRODUCTS } from "./catalog";
import type { ShopEvent } from "./tracking/events";
import { memoryStorage } from "./tracking/key-value-storage";
import type { TrackerStatus } from "./tracking/tracker";

afterEach(cleanup);

function renderShop(path: string, options: { cart?: unknown; status?: TrackerStatus } = {}) {
  const events: ShopEvent[] = [];
  const storage = memoryStorage(options.cart ? { [CART_KEY]: JSON.stringify(options.cart) } : {});
  const status = options.status ?? { pending: 0, state: "idle" };
  const tracking = {
    sessionId: "0b7c8c3e-7f43-4a5e-8d5e-9b8f1b2c3d4e",
    tracker: {
      record: (event: ShopEvent) => void events.push(event),
      status: () => status,
      subscribe: () => () => {},
    },
  };
  render(
    <MemoryRouter initialEntries={[path]}>
      <App tracking={tracking} storage={storage} />
    </MemoryRouter>,
  );
  const clicks = () => events.flatMap((event) => (event.topic === "edm-ui-click" ? [event.properties] : []));
  const pageloads = () =>
    events.flatMap((event) => (event.topic === "edm-ui-pageload" ? [event.properties.description] : []));
  return { storage, clicks, pageloads };
}

describe("the home page", () => {
  it("shows the original catalog, each Add to Cart carrying the original button id", () => {
    const { pageloads } = renderShop("/");
    expect(screen.getByRole("heading", { name: "Curated Coffee Components" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Complete Brewing Kits" })).toBeTruthy();
    for (const product of PRODUCTS) {
      const card = screen.getByRole("article", { name: product.name });
      const button = within(card).getByRole("button", { name: "Add to Cart" });
      expect(button.getAttribute("data-button-id")).toBe(product.buttonId);
    }
    expect(pageloads()).toEqual(["home page loaded"]);
  });

  it("sends the header and footer clicks under the original ids", () => {
    const { clicks } = renderShop("/");
    fireEvent.click(screen.getByRole("link", { name: "Browse Kits" }));
    fireEvent.click(screen.getByRole("link", { name: "Contact Us" }));
    fireEvent.click(screen.getByRole("button", { name: /Twitter/ }));
    expect(clicks().map((click) => click.button_id)).toEqual(["browse-kits", "contact-us", "twitter"]);
    expect(screen.getByTestId("toast").textContent).toMatch(/no Twitter account/);
  });
});

describe("a product page", () => {
  it("adds to the cart with one click event per press, and counts a page load per route", () => {
    const { clicks, pageloads, storage } = renderShop("/kits/the-campers-kit");
    expect(screen.getByRole("heading", { level: 1, name: "The Camper’s Kit" })).toBeTruthy();
    const add = screen.getByRole("button", { name: "Add to Cart" });
    for (let i = 0; i < 3; i += 1) fireEvent.click(add);
    expect(clicks()).toEqual(Array(3).fill({ button_id: "the-camper's-kit", description: "button click" }));
    expect(screen.getByTestId("cart-count").textContent).toBe("3");
    expect(screen.getByTestId("in-cart").textContent).toMatch(/3 in your cart/);
    expect(JSON.parse(storage.getItem(CART_KEY) ?? "[]")).toEqual([
      { productPath: "the-campers-kit", quantity: 3 },
    ]);

    fireEvent.click(screen.getByRole("link", { name: "The Cold Brew Kit $133.96" }));
    expect(pageloads()).toEqual(["The Camper’s Kit page loaded", "The Cold Brew Kit page loaded"]);
  });
});

describe("the cart", () => {
  it("changes quantities and totals, removes lines, and says when it is empty", () => {
    const { clicks } = renderShop("/cart", {
      cart: [{ productPath: "aeropress-coffee-maker", quantity: 1 }],
    });
    expect(screen.getByTestId("cart-total").textContent).toBe("$37.94"); // $29.99 + $7.95 shipping
    fireEvent.click(screen.getByRole("button", { name: "One more AeroPress Coffee Maker" }));
    expect(screen.getByTestId("line-quantity").textContent).toBe("2");
    expect(screen.getByTestId("cart-subtotal").textContent).toBe("$59.98");
    fireEvent.click(screen.getByRole("button", { name: "Remove AeroPress Coffee Maker" }));
    expect(screen.getByTestId("cart-empty")).toBeTruthy();
    expect(clicks()).toEqual([
      { button_id: "cart-increase", description: "increase AeroPress Coffee Maker" },
      { button_id: "cart-remove", description: "remove AeroPress Coffee Maker" },
    ]);
  });

  it("checks out: the form must be complete, then the order is confirmed and the cart emptied", () => {
    const { clicks, storage } = renderShop("/checkout", {
      cart: [{ productPath: "the-chemex-kit", quantity: 1 }],
    });
    fireEvent.click(screen.getByRole("button", { name: /Place Order/ }));
    expect(screen.getByText("Please enter your name")).toBeTruthy();
    const fill = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    fill("Full name", "Ada Lovelace");
    fill("Email", "ada@example.com");
    fill("Street address", "12 St James's Square");
    fill("City", "London");
    fill("Postal code", "SW1Y 4JH");
    fill("Country", "United Kingdom");
    fireEvent.click(screen.getByRole("button", { name: /Place Order/ }));
    expect(screen.getByRole("heading", { name: "Thank you, Ada!" })).toBeTruthy();
    expect(screen.getByTestId("order-number").textContent).toMatch(/^FIX-/);
    expect(JSON.parse(storage.getItem(CART_KEY) ?? "")).toEqual([]);
    expect(clicks().map((click) => click.button_id)).toEqual(["place-order", "place-order"]);
  });
});

describe("the pending-events indicator", () => {
  it("shows how many events wait for the relay", () => {
    renderShop("/about", { status: { pending: 3, state: "retrying", lastError: "Failed to fetch" } });
    const indicator = screen.getByTestId("pending-events");
    expect(indicator.getAttribute("data-pending")).toBe("3");
    expect(indicator.getAttribute("data-state")).toBe("retrying");
    expect(indicator.textContent).toBe("3 events saved, waiting for the relay");
  });
});
