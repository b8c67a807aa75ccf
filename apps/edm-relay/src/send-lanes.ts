import { partitionForKey } from "@edm/kafka";
import type { BatchItem } from "./batcher";

/**
 * How many produce requests the relay keeps in flight at most: one per lane. With one, throughput is
 * capped at one batch per produce round trip, which acks from all in-sync replicas make long on a
 * replicated cluster (a CPU profile showed the relay a third idle, waiting). A few suffice to hide the
 * round trip; more only make smaller, costlier requests.
 */
export const SEND_LANES = 4;

/**
 * The batcher's lane of a record: its key's murmur2 partition among the lanes, the same hash Kafka's
 * default partitioner uses, so a session (the key) always gets the same lane. When a topic has as many
 * partitions as there are lanes, a lane is exactly a partition. Keyless records (none today) share lane 0.
 */
export function laneOfRecord(lanes: number = SEND_LANES): (item: BatchItem) => number {
  return ({ record }) => (record.key == null ? 0 : partitionForKey(record.key, lanes));
}
