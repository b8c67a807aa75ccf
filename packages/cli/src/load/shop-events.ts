import { type EdmEvent, TOPICS, withEventId } from "@edm/schema";
import type { CrowdStep } from "./crowd";

export type IdentifiedEvent = EdmEvent & { id: string };

/**
 * The event the shop's tracking would record for this step (apps/edm-ui/src/tracking/events.ts): same
 * topics, descriptions ("home page loaded", "button click") and an id given here, client-side, so a
 * retry sends the very same event.
 */
export function shopEvent(
  step: CrowdStep,
  shopUrl: string,
  now: number,
  newId: () => string,
): IdentifiedEvent {
  const { action, sessionId, userAgent } = step;
  if (action.kind === "click") {
    return withEventId(
      {
        topic: TOPICS.click,
        uuid: sessionId,
        event_timestamp: now,
        properties: { button_id: action.buttonId, description: action.description },
      },
      newId,
    );
  }
  return withEventId(
    {
      topic: TOPICS.pageload,
      uuid: sessionId,
      event_timestamp: now,
      properties: {
        user_agent: userAgent,
        description: `${action.page} page loaded`,
        url: new URL(action.path, shopUrl).href,
      },
    },
    newId,
  );
}
