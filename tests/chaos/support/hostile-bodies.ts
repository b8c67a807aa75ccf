import fc from "fast-check";
import type { LoadRequest } from "./load";

// What a hostile or broken client can POST to the relay, generated with fast-check: events that are
// nearly valid (each field valid more often than not, so many get through and must then be counted),
// text no database or UTF-8 encoder likes (NUL, lone surrogates, control and bidi characters, very long
// strings), lists of such events, arbitrary JSON, deep nesting, prototype keys, and bodies that are not
// JSON at all or not UTF-8.

/** Any UTF-16 code unit: NUL, controls and lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const nastyText = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202etxt.exe",
  "\ufeff",
  "💥☕",
  "'; drop table processed_events; --",
  "__proto__",
  "constructor",
  "%00",
  "\\u0000",
  " ",
  "\r\n",
  "<script>alert(1)</script>",
);

/** Text of a length the schema takes, with anything in it. */
const strangeText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, minLength: 1, maxLength: 40 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  nastyText,
);

const hostileText = fc.oneof(strangeText, fc.constant(""), fc.string({ minLength: 100, maxLength: 2_000 }));

const hostileValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Mostly `valid`, sometimes `hostile`: a field at a time goes wrong. */
function mostly<T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const envelope = {
  // Absent mostly, so the relay assigns a fresh id: every accepted event is then a distinct one.
  id: mostly(fc.constant(undefined), fc.oneof(fc.uuid(), hostileText)),
  uuid: mostly(strangeText, hostileValue),
  event_timestamp: mostly(
    fc.constant(Date.now()),
    fc.oneof(fc.integer(), fc.double(), hostileText, fc.constant(1e300), fc.constant(-1)),
  ),
};

const extraProperties = mostly(fc.constant({}), fc.dictionary(hostileText, hostileValue, { maxKeys: 3 }));

const click = fc
  .record({
    topic: mostly(fc.constant("edm-ui-click"), hostileText),
    ...envelope,
    properties: fc.record({
      button_id: mostly(strangeText, hostileValue),
      description: mostly(strangeText, hostileValue),
    }),
    extra: extraProperties,
  })
  .map(({ extra, properties, ...event }) => ({ ...event, properties: { ...extra, ...properties } }));

const pageload = fc
  .record({
    topic: mostly(fc.constant("edm-ui-pageload"), hostileText),
    ...envelope,
    properties: fc.record({
      user_agent: mostly(strangeText, hostileValue),
      description: mostly(strangeText, hostileValue),
      url: mostly(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.oneof(
          hostileText,
          hostileText.map((text) => `https://shop.example/${text}`),
        ),
      ),
    }),
    extra: extraProperties,
  })
  .map(({ extra, properties, ...event }) => ({ ...event, properties: { ...extra, ...properties } }));

const event = fc.oneof(click, pageload);

const deeplyNested = fc
  .integer({ min: 1_000, max: 20_000 })
  .map(
    (depth) =>
      `{"topic":"edm-ui-click","uuid":"deep","event_timestamp":${Date.now()},"properties":{"button_id":"b","description":"d","x":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
  );

const notJson = fc.oneof(
  hostileText,
  deeplyNested,
  fc.constant('{"topic":'),
  fc.constant('{"__proto__":{"polluted":true},"topic":"edm-ui-click"}'),
  fc.constant('{"constructor":{"prototype":{"polluted":true}}}'),
  fc.constant(`${"[".repeat(50_000)}`),
  event.map((value) => `${JSON.stringify(value)} trailing`),
);

/** Bytes that are not UTF-8 at all, inside something shaped like an event. */
const notUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 20 })
  .map((bytes) =>
    Buffer.concat([
      Buffer.from('{"topic":"edm-ui-click","uuid":"'),
      Buffer.from([0xff, 0xfe]),
      bytes,
      Buffer.from('"}'),
    ]),
  );

const body = fc.oneof(
  { weight: 12, arbitrary: event.map((value) => JSON.stringify(value)) },
  { weight: 3, arbitrary: fc.array(event, { maxLength: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: notJson },
  { weight: 1, arbitrary: notUtf8 },
);

const path = fc.oneof(
  { weight: 8, arbitrary: fc.constant("/api/events") },
  { weight: 1, arbitrary: fc.constant("/produceClickMessage") },
  { weight: 1, arbitrary: fc.constant("/producePageLoad") },
);

const hostileRequest: fc.Arbitrary<LoadRequest> = fc.record({ path, body });

/** `count` hostile requests; the same seed gives the same ones, to replay a failure. */
export function hostileRequests(count: number, seed: number): LoadRequest[] {
  return fc.sample(hostileRequest, { numRuns: count, seed });
}
