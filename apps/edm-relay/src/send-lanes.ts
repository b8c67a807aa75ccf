import { partitionForKey } from "@edm/kafka";
import type { BatchItem } from "./batcher";

/**
 * How many produce requests the relay keeps in flight at most: one per lane. Enough to keep the relay
 * busy while Kafka answers (a CPU profile showed it idle a third of the time with one); more only
 * makes smaller requests.
 */
export const SEND_LANES = 8;

/**
 * The batcher's lane of a record: its key's murmur2 partition among the lanes, the same hash Kafka's
 * default partitioner uses, so a session (the key) always gets the same lane. When a topic has as many
 * partitions as there are lanes, a lane is exactly a partition. Keyless records (none today) share lane 0.
 */
export function laneOfRecord(lanes: number = SEND_LANES): (item: BatchItem) => number {
  return ({ record }) => (record.key == null ? 0 : partitionForKey(record.key, lanes));
}
