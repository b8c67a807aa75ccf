import { randomInt } from "node:crypto";
import type { ICustomPartitioner } from "kafkajs";

// The Java client's default partitioning, which kafkajs's DefaultPartitioner reproduces: a keyed record goes
// to murmur2(key) among the partitions, so a key lands on the same partition whichever client wrote it.
// kafkajs computes murmur2 with 64-bit BigInt arithmetic and a Buffer per key; a CPU profile of edm-relay
// under load showed that (once for the producer, once for the relay's lanes) costing about 5 % of its CPU.
// Here it is 32-bit integer arithmetic (Math.imul), as in Java; a unit test holds it to kafkajs's results.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Java's Utils.murmur2 of the key's UTF-8 bytes: a signed 32-bit integer. */
export function murmur2(key: string | Buffer): number {
  return typeof key === "string" ? murmur2OfBytes(scratch, utf8Into(key)) : murmur2OfBytes(key, key.length);
}

function murmur2OfBytes(data: Uint8Array, length: number): number {
  let h = (SEED ^ length) | 0;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k =
      (data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length % 4;
  if (rest === 3) h ^= (data[whole + 2] ?? 0) << 16;
  if (rest >= 2) h ^= (data[whole + 1] ?? 0) << 8;
  if (rest >= 1) {
    h ^= data[whole] ?? 0;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

// Keys are encoded into one reused buffer (hashing is synchronous), not a new Buffer each.
let scratch = new Uint8Array(256);
const encoder = new TextEncoder();

/** Writes the text's UTF-8 bytes to `scratch`; returns how many. ASCII (a session id) is copied directly. */
function utf8Into(text: string): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encodeInto(text, scratch).written;
    scratch[i] = code;
  }
  return text.length;
}

const toPositive = (hash: number) => hash & 0x7fffffff;

/**
 * The partition, among `partitions`, that the producer writes a record with this key to: the same
 * murmur2 hash kafkajs (and the Java client) use, so callers can group records the way Kafka will.
 */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a whole number of at least 1, not ${partitions}`);
  }
  return toPositive(murmur2(key)) % partitions;
}

/**
 * kafkajs's DefaultPartitioner with the murmur2 above: a record's own partition if it names one, else its
 * key's murmur2 partition, else round robin over the partitions that have a leader (from a random start).
 */
export const JavaCompatiblePartitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    const partitions = partitionMetadata.length;
    if (message.key !== null && message.key !== undefined)
      return toPositive(murmur2(message.key)) % partitions;
    const counter = (counters.get(topic) ?? randomInt(2 ** 32 - 1)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter((partition) => partition.leader >= 0);
    const pick = available[toPositive(counter) % available.length];
    return pick ? pick.partitionId : toPositive(counter) % partitions;
  };
};
