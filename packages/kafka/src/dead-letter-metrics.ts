import { Counter, type Registry } from "prom-client";
import type { DeadLetterSink } from "./dead-letter";

const NAME = "edm_dead_lettered_records_total";

/**
 * One counter per registry: a service counts several consumer groups over its life (a statistics rebuild
 * switches generations), and prom-client refuses a second metric of the same name.
 */
function deadLetteredIn(registry: Registry): Counter<"group" | "topic" | "reason"> {
  const existing = registry.getSingleMetric(NAME);
  if (existing) return existing as Counter<"group" | "topic" | "reason">;
  return new Counter({
    name: NAME,
    help: "Records sent to the dead-letter topic, by consumer group, source topic and reason (invalid or refused)",
    labelNames: ["group", "topic", "reason"] as const,
    registers: [registry],
  });
}

/** Counts what `sink` stored, by source topic and by why: invalid (not a valid event) or refused (by PostgreSQL). */
export function countedDeadLetters(sink: DeadLetterSink, registry: Registry, group: string): DeadLetterSink {
  const deadLettered = deadLetteredIn(registry);
  return {
    async send(letters) {
      await sink.send(letters);
      for (const { record, kind } of letters) deadLettered.inc({ group, topic: record.topic, reason: kind });
    },
  };
}
