import type { KafkaProducer } from "@edm/kafka";
import { type EdmEvent, randomUUID, SHOP_PRODUCTS, TOPICS } from "@edm/schema";
import { produceEvents as produceAsRelay } from "@edm/testkit";

// Events as the shop sends them (a few dozen buttons and pages, sessions of several events each), for the
// edm-stats and edm-stream benchmarks.

/** The `index`-th event of a run: one in five a page load, sessions of about ten events. */
export function benchEvent(index: number, runId: string, now = Date.now()): EdmEvent {
  const uuid = `${runId}-session-${Math.floor(index / 10)}`;
  const id = randomUUID();
  const product = SHOP_PRODUCTS[index % SHOP_PRODUCTS.length];
  if (index % 5 === 0) {
    return {
      topic: TOPICS.pageload,
      id,
      uuid,
      event_timestamp: now,
      properties: {
        user_agent: "Mozilla/5.0 (bench)",
        description: "edm-ui page loaded",
        url: `https://edm-ui.example.com${product?.href ?? "/"}`,
      },
    };
  }
  return {
    topic: TOPICS.click,
    id,
    uuid,
    event_timestamp: now,
    properties: { button_id: product?.buttonId ?? "the-camper's-kit", description: "button click" },
  } as EdmEvent;
}

/** Sends events to their topics keyed by session, like the relay, `chunk` at a time. */
export function produceEvents(producer: KafkaProducer, events: readonly EdmEvent[], chunk = 2_000) {
  return produceAsRelay(producer, events, chunk);
}
