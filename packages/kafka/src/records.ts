import type { IHeaders, KafkaMessage, Message } from "kafkajs";

/** A record to produce. Records with the same key go to the same partition, so they stay in order. */
export interface OutgoingRecord {
  key?: string | null;
  value: string | Buffer;
  headers?: Record<string, string>;
}

/** A record as delivered to a consumer's handler. */
export interface ConsumedRecord {
  /** Logical topic name (KAFKA_PREFIX removed). */
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit; kept as a decimal string so none is rounded. */
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** Header values as UTF-8 text; when a key repeats, the last value wins (like Java's lastHeader). */
  headers: Record<string, string>;
  /** Milliseconds since the epoch: when the producer created it (or the broker appended it). */
  timestamp: number;
}

export function toKafkajsMessages(records: readonly OutgoingRecord[]): Message[] {
  return records.map((record) => ({
    key: record.key ?? null,
    value: record.value,
    ...(record.headers ? { headers: { ...record.headers } } : {}),
  }));
}

export function toConsumedRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString("utf8"),
    value: message.value,
    headers: headersAsText(message.headers),
    timestamp: Number(message.timestamp),
  };
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) text[name] = last.toString();
  }
  return text;
}
