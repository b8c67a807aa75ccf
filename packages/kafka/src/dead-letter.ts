import type { KafkaProducer } from "./producer";
import type { ConsumedRecord, OutgoingRecord } from "./records";

/** A record a consumer cannot handle, and why. */
export interface DeadLetter {
  record: ConsumedRecord;
  /** Not a valid event (the decoder said so), or a valid one the database refused to store. */
  kind: "invalid" | "refused";
  reason: string;
}

/** Where dead letters go; a Kafka topic in production. */
export interface DeadLetterSink {
  /** Resolves once every dead letter is durably stored (acknowledged by Kafka). */
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** Header names on a dead letter; the original record's own headers are kept beside them. */
export const DEAD_LETTER_HEADERS = {
  reason: "edm-dead-letter-reason",
  topic: "edm-dead-letter-topic",
  partition: "edm-dead-letter-partition",
  offset: "edm-dead-letter-offset",
  timestamp: "edm-dead-letter-timestamp",
  consumer: "edm-dead-letter-consumer",
} as const;

/** Header values stay small: a reason is a sentence, never the record itself. */
const MAX_REASON_LENGTH = 1_000;

/** The dead letter as written to Kafka: the original key and value, unchanged, and where it came from. */
export function toDeadLetterRecord(letter: DeadLetter, consumer: string): OutgoingRecord {
  const { record, reason } = letter;
  return {
    key: record.key,
    value: record.value ?? "",
    headers: {
      ...record.headers,
      [DEAD_LETTER_HEADERS.reason]: reason.slice(0, MAX_REASON_LENGTH),
      [DEAD_LETTER_HEADERS.topic]: record.topic,
      [DEAD_LETTER_HEADERS.partition]: String(record.partition),
      [DEAD_LETTER_HEADERS.offset]: record.offset,
      [DEAD_LETTER_HEADERS.timestamp]: String(record.timestamp),
      [DEAD_LETTER_HEADERS.consumer]: consumer,
    },
  };
}

/**
 * Writes dead letters to `topic` (the schema's DEAD_LETTER_TOPIC) with `producer`, connected by the caller;
 * `consumer` (the group) is named in each letter's headers.
 */
export function kafkaDeadLetters(
  producer: KafkaProducer,
  { topic, consumer }: { topic: string; consumer: string },
): DeadLetterSink {
  return {
    async send(letters) {
      if (letters.length === 0) return;
      await producer.send(
        topic,
        letters.map((letter) => toDeadLetterRecord(letter, consumer)),
      );
    },
  };
}
