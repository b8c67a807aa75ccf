import {
  type ClickEvent,
  MAX_BUTTON_ID_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_AGENT_LENGTH,
  type PageloadEvent,
  TOPICS,
} from "@edm/schema";

// Events in the original shop's shape. Values a visitor's browser controls (user agent, address) are cut to
// the contract's limits here: the relay refuses a whole batch for one over-long field, and a page view is
// still worth counting with a shortened user agent.

export type ShopEvent = ClickEvent | PageloadEvent;

export interface ClickInput {
  sessionId: string;
  buttonId: string;
  description?: string;
  now: number;
}

export function clickEvent({
  sessionId,
  buttonId,
  description = "button click",
  now,
}: ClickInput): ClickEvent {
  return {
    topic: TOPICS.click,
    uuid: sessionId,
    event_timestamp: now,
    properties: {
      button_id: buttonId.slice(0, MAX_BUTTON_ID_LENGTH),
      description: description.slice(0, MAX_DESCRIPTION_LENGTH),
    },
  };
}

export interface PageloadInput {
  sessionId: string;
  /** What was shown, e.g. "home"; the description reads "home page loaded". */
  page: string;
  url: string;
  userAgent: string;
  now: number;
}

export function pageloadEvent({ sessionId, page, url, userAgent, now }: PageloadInput): PageloadEvent {
  return {
    topic: TOPICS.pageload,
    uuid: sessionId,
    event_timestamp: now,
    properties: {
      user_agent: userAgent.slice(0, MAX_USER_AGENT_LENGTH),
      description: `${page} page loaded`.slice(0, MAX_DESCRIPTION_LENGTH),
      url: shortUrl(url),
    },
  };
}

/** A long query string or fragment is dropped before the address itself is cut. */
function shortUrl(url: string): string {
  if (url.length <= MAX_URL_LENGTH) return url;
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`.slice(0, MAX_URL_LENGTH);
  } catch {
    return url.slice(0, MAX_URL_LENGTH);
  }
}
