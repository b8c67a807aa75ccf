// Every bound the event contract enforces, named so the relay, tests and docs quote the same numbers.
// Lengths count UTF-16 code units (JavaScript string length), which is what a client's own `.length` reports.

/** Session id (`uuid` on the wire). Originals made one per page render; usually a UUID, but any text is kept. */
export const MAX_SESSION_ID_LENGTH = 128;

/** Button ids are slugs of product names in the original UI ("the-camper's-kit"). */
export const MAX_BUTTON_ID_LENGTH = 128;

export const MAX_DESCRIPTION_LENGTH = 256;

/** Real user agents run to ~300 characters; the slack covers long embedded-browser strings. */
export const MAX_USER_AGENT_LENGTH = 1024;

/** Common de facto limit of browsers and proxies for URLs. */
export const MAX_URL_LENGTH = 2048;

/** All keys in `properties`, the known ones included. */
export const MAX_PROPERTIES = 12;

export const MAX_PROPERTY_NAME_LENGTH = 64;

/** Value length of a property the contract does not name (an "extra" property). */
export const MAX_EXTRA_PROPERTY_LENGTH = 256;

/** 2000-01-01T00:00:00.000Z. Anything earlier is a clock reset or seconds sent instead of milliseconds. */
export const MIN_EVENT_TIMESTAMP_MS = Date.UTC(2000, 0, 1);

/** How far ahead of the receiver's clock an event may be: generous for skewed client clocks, not for garbage. */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** Events in one batch sent to the relay. */
export const MAX_BATCH_EVENTS = 500;

/** Errors reported for one parse, so a hostile payload cannot inflate the error response. */
export const MAX_FIELD_ERRORS = 50;

/** Longest page (URL path) an event counts for; longer paths are cut, so one odd URL cannot bloat a table. */
export const MAX_PAGE_LENGTH = 256;
