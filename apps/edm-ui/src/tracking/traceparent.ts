// W3C trace context for what the shop sends: each POST to the relay starts a trace, named in its
// `traceparent` header, which the relay continues (its server span), writes into every Kafka record, and each
// consumer continues in turn, so one trace id follows a click from the browser into edm-stats and edm-stream.
// A header of 55 characters needs no tracing SDK in the browser: two random ids and a fixed format.
// (Beacons, sent as the page goes away, cannot carry headers: the relay starts their trace itself.)

/** version 00, trace id (16 bytes), parent span id (8 bytes), flags 01 = sampled. */
export const TRACEPARENT_FORMAT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

export type RandomBytes = (length: number) => Uint8Array;

const cryptoBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** A new trace: a random trace id and span id, never all zeros (W3C calls those invalid). */
export function newTraceparent(randomBytes: RandomBytes = cryptoBytes): string {
  return `00-${nonZeroHex(randomBytes, 16)}-${nonZeroHex(randomBytes, 8)}-01`;
}

function nonZeroHex(randomBytes: RandomBytes, length: number): string {
  let bytes = randomBytes(length);
  while (bytes.every((byte) => byte === 0)) bytes = randomBytes(length);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
