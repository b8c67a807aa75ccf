import type { ClickEvent, PageloadEvent } from "./event";

// Payloads shaped exactly as the original Heroku edm-ui sent them: same keys, types and timestamps as the
// recorded samples (November 2018); user agent, description and url are filled in where the samples were
// shortened. Kept here so every app's tests can prove that original clients still get through unchanged.

export const ORIGINAL_CLICK_EXAMPLE: ClickEvent = {
  topic: "edm-ui-click",
  uuid: "3c2f8c4e-1a55-4b7a-9d53-6f6f0d1d2b9e",
  event_timestamp: 1541792811040,
  properties: { button_id: "the-camper's-kit", description: "button click" },
};

export const ORIGINAL_PAGELOAD_EXAMPLE: PageloadEvent = {
  topic: "edm-ui-pageload",
  uuid: "3c2f8c4e-1a55-4b7a-9d53-6f6f0d1d2b9e",
  event_timestamp: 1541792786146,
  properties: {
    user_agent:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36",
    description: "edm-ui page loaded",
    url: "https://edm-ui.herokuapp.com/",
  },
};
