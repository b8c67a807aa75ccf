import kafkajs, { type PartitionMetadata } from "kafkajs";

// kafkajs's default partitioner (the Java client's murmur2), built once; with a key it is a pure
// function of the key and the partition count (only keyless records use its round-robin counter).
const defaultPartitioner = kafkajs.Partitioners.DefaultPartitioner();
const metadataCache = new Map<number, PartitionMetadata[]>();

/**
 * The partition, among `partitions`, that the producer writes a record with this key to: the same
 * murmur2 hash kafkajs (and the Java client) use, so callers can group records the way Kafka will.
 */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a whole number of at least 1, not ${partitions}`);
  }
  let partitionMetadata = metadataCache.get(partitions);
  if (!partitionMetadata) {
    partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    metadataCache.set(partitions, partitionMetadata);
  }
  return defaultPartitioner({ topic: "", partitionMetadata, message: { key, value: null } });
}
