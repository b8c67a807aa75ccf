import { Counter, type Registry } from "prom-client";
import type { DeadLetterSink } from "./dead-letter";

/** How handle-batch words the reason of a record PostgreSQL refused; every other reason is the decoder's. */
const REFUSED_BY_DATABASE = "PostgreSQL refused it";

/** Counts what `sink` stored, by source topic and by why: invalid (not a valid event) or refused (by PostgreSQL). */
export function countedDeadLetters(sink: DeadLetterSink, registry: Registry, group: string): DeadLetterSink {
  const deadLettered = new Counter({
    name: "edm_dead_lettered_records_total",
    help: "Records sent to the dead-letter topic, by consumer group, source topic and reason (invalid or refused)",
    labelNames: ["group", "topic", "reason"] as const,
    registers: [registry],
  });
  return {
    async send(letters) {
      await sink.send(letters);
      for (const { record, reason } of letters) {
        const why = reason.startsWith(REFUSED_BY_DATABASE) ? "refused" : "invalid";
        deadLettered.inc({ group, topic: record.topic, reason: why });
      }
    },
  };
}
