import { randomUUID } from "node:crypto";
import type { EdmEvent } from "@edm/schema";
import type { LoadRequest } from "./load";

// The ordinary traffic of a fault case: valid clicks and page loads from a few hundred sessions, each
// event with an id of its own, so every acknowledged event can be looked up among those counted.

const BUTTONS = ["the-chemex-kit", "the-pour-over-kit", "the-camper's-kit", "aeropress"];
const PAGES = ["/", "/products", "/kits/the-chemex-kit", "/cart"];

export function loadEvent(i: number): EdmEvent & { id: string } {
  const base = { id: randomUUID(), uuid: `session-${i % 300}`, event_timestamp: Date.now() };
  if (i % 4 === 3) {
    return {
      ...base,
      topic: "edm-ui-pageload",
      properties: {
        user_agent: "Mozilla/5.0 (chaos test)",
        description: "page loaded",
        url: `https://shop.example${PAGES[i % PAGES.length]}`,
      },
    };
  }
  return {
    ...base,
    topic: "edm-ui-click",
    properties: { button_id: BUTTONS[i % BUTTONS.length] as string, description: "button click" },
  };
}

export function loadRequest(i: number): LoadRequest {
  return { path: "/api/events", body: JSON.stringify(loadEvent(i)) };
}
