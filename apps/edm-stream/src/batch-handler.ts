import { type BatchHandler, traceIdOf } from "@edm/kafka";
import type { Logger } from "@edm/runtime";
import { decodeEventRecord, type EdmEvent } from "@edm/schema";

export interface BatchHandlerDeps {
  /** Hands events to the dashboards; must return without waiting for any client. */
  broadcast: (events: readonly EdmEvent[]) => void;
  log: Logger;
}

/**
 * Hands each fetched Kafka batch's events on to be broadcast (in frames, see frame-clock.ts). Browsers
 * receive only events that pass the shared record codec (the rules edm-stats counts by), never arbitrary
 * bytes from the topic. It always resolves, so the batch is committed:
 * a bad record is logged and skipped (edm-stats owns the dead-letter topic), and a failure to
 * broadcast is logged rather than thrown, because redelivering the batch would only repeat events
 * to the dashboards that did get them, and would hold up the stream.
 */
export function createBatchHandler({ broadcast, log }: BatchHandlerDeps): BatchHandler {
  return async (batch) => {
    const events: EdmEvent[] = [];
    for (const record of batch.records) {
      const decoded = decodeEventRecord(record);
      if (decoded.ok) {
        events.push(decoded.event);
        continue;
      }
      log.warn(
        {
          event: "stream.record.invalid",
          reason: decoded.reason,
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          bytes: record.value?.length ?? 0,
          trace_id: traceIdOf(record.headers),
        },
        `Skipped a Kafka record that is not a valid event: ${decoded.reason}`,
      );
    }
    try {
      broadcast(events);
    } catch (error) {
      log.error(
        {
          event: "stream.broadcast.failed",
          err: error,
          topic: batch.topic,
          partition: batch.partition,
          events: events.length,
        },
        "Could not send a batch of events to the dashboards; they miss these events",
      );
    }
  };
}
