import { encodeEventRecord, type IdentifiedEvent } from "@edm/schema";
import type { BatchItem } from "./batcher";

/**
 * The batcher's item for a validated event, as the shared record codec encodes it: the topic of its type,
 * keyed by session, the event as JSON, its id in the `edm-event-id` header, and `headers` (the request's
 * trace context) beside it. Consumers decode it with the same codec's decodeEventRecord.
 */
export function toBatchItem(event: IdentifiedEvent, headers: Record<string, string> = {}): BatchItem {
  return encodeEventRecord(event, headers);
}
