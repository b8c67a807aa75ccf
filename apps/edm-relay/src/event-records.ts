import { encodeEventRecord, type IdentifiedEvent } from "@edm/schema";
import type { BatchItem } from "./batcher";

/**
 * The batcher's item for a validated event, as the shared record codec encodes it: the topic of its type,
 * keyed by session, the event as JSON, its id in the `edm-event-id` header. Consumers decode it with the
 * same codec's decodeEventRecord.
 */
export function toBatchItem(event: IdentifiedEvent): BatchItem {
  return encodeEventRecord(event);
}
