import type { Admin } from "kafkajs";
import { type ClientParts, errorMessage } from "./client-parts";
import { partitionLag } from "./lag";
import { TimeoutError, withTimeout } from "./with-timeout";

// Consumer-group lag from the broker's own view (committed offsets against high watermarks), for the
// pipeline health endpoint. Unlike a consumer's own edm_kafka_consumer_lag metric it keeps counting while
// the group's members are stopped, which is exactly when an operator needs it.

export interface TopicEnds {
  /** Logical topic name. */
  topic: string;
  partitions: { partition: number; low: string; high: string }[];
}

export interface PartitionGroupLag {
  topic: string;
  partition: number;
  /** Next offset the group reads; "-1" when it has committed nothing here. */
  committed: string;
  lag: number;
}

export interface GroupLag {
  /** Logical group name. */
  group: string;
  /** The broker's word for the group: Stable, Empty (no member), PreparingRebalance, Dead, … */
  state: string;
  members: number;
  /** Records of the topics the group has yet to handle, all partitions together. */
  lag: number;
  /** Sum of the committed offsets: grows by one for every record the group handled. */
  committedTotal: number;
  partitions: PartitionGroupLag[];
}

export interface GroupToWatch {
  group: string;
  /** Where the group starts when it has committed nothing (see partitionLag). */
  startsAt: "earliest" | "latest";
}

export interface LagReport {
  topics: TopicEnds[];
  /** The offsets of `alsoTopics` that exist (no lag is computed on them). */
  alsoTopics: TopicEnds[];
  groups: GroupLag[];
}

export interface LagQuery {
  /** Logical names of the topics whose lag is measured. */
  topics: string[];
  groups: GroupToWatch[];
  /** Topics whose offsets are only read, such as a dead-letter topic; one that does not exist is left out. */
  alsoTopics?: string[];
}

export interface GroupLagReader {
  /**
   * The topics' offsets and the lag of `groups` on them, plus that of every other group that has
   * members now and has committed on the topics (those start at "latest").
   */
  report(query: LagQuery): Promise<LagReport>;
  disconnect(): Promise<void>;
}

export function createGroupLagReader(parts: ClientParts): GroupLagReader {
  const { prefixer, log } = parts;
  const admin = parts.kafka.admin({ retry: parts.retry });
  let connecting: Promise<void> | undefined;

  const connected = async (): Promise<Admin> => {
    connecting ??= admin.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    await connecting;
    return admin;
  };

  const topicEnds = async (topics: string[]): Promise<TopicEnds[]> =>
    Promise.all(
      topics.map(async (topic) => {
        const offsets = await admin.fetchTopicOffsets(prefixer.topic(topic));
        return {
          topic,
          partitions: offsets
            .map(({ partition, low, high }) => ({ partition, low, high }))
            .sort((a, b) => a.partition - b.partition),
        };
      }),
    );

  /** Logical names of the groups under this client's prefix that have members now. */
  const activeGroups = async (): Promise<string[]> => {
    const { groups } = await admin.listGroups();
    const ours = groups
      .map(({ groupId }) => groupId)
      .filter((groupId) => prefixer.prefix === "" || groupId.startsWith(prefixer.prefix));
    if (ours.length === 0) return [];
    const described = await admin.describeGroups(ours);
    return described.groups
      .filter((group) => group.members.length > 0)
      .map((group) => group.groupId.slice(prefixer.prefix.length));
  };

  const groupLag = async (watch: GroupToWatch, ends: TopicEnds[]): Promise<GroupLag> => {
    const brokerGroup = prefixer.groupId(watch.group);
    const [committed, described] = await Promise.all([
      admin.fetchOffsets({ groupId: brokerGroup, topics: ends.map(({ topic }) => prefixer.topic(topic)) }),
      admin.describeGroups([brokerGroup]),
    ]);
    const partitions: PartitionGroupLag[] = [];
    for (const { topic, partitions: topicPartitions } of ends) {
      const byPartition = committed.find((entry) => entry.topic === prefixer.topic(topic))?.partitions ?? [];
      for (const { partition, low, high } of topicPartitions) {
        const offset = byPartition.find((entry) => entry.partition === partition)?.offset ?? "-1";
        partitions.push({
          topic,
          partition,
          committed: offset,
          lag: partitionLag({ committed: offset, low, high }, watch.startsAt),
        });
      }
    }
    const group = described.groups[0];
    return {
      group: watch.group,
      state: group?.state ?? "Unknown",
      members: group?.members.length ?? 0,
      lag: partitions.reduce((sum, entry) => sum + entry.lag, 0),
      committedTotal: partitions.reduce((sum, entry) => sum + Math.max(0, Number(entry.committed)), 0),
      partitions,
    };
  };

  return {
    async report({ topics, groups, alsoTopics = [] }) {
      try {
        await connected();
        const ends = await topicEnds(topics);
        const also = await Promise.allSettled(alsoTopics.map((topic) => topicEnds([topic])));
        const named = new Set(groups.map((watch) => watch.group));
        const others = (await activeGroups())
          .filter((group) => !named.has(group))
          .map((group): GroupToWatch => ({ group, startsAt: "latest" }));
        const all = await Promise.all([...groups, ...others].map((watch) => groupLag(watch, ends)));
        // An active group that never committed on these topics reads something else.
        const reading = all.filter(
          (lag) => named.has(lag.group) || lag.partitions.some((p) => Number(p.committed) >= 0),
        );
        return {
          topics: ends,
          alsoTopics: also.flatMap((outcome) => (outcome.status === "fulfilled" ? outcome.value : [])),
          groups: reading,
        };
      } catch (error) {
        throw new Error(`Kafka admin could not read consumer-group lag: ${errorMessage(error)}`, {
          cause: error,
        });
      }
    },
    async disconnect() {
      connecting = undefined;
      try {
        await withTimeout(
          admin.disconnect(),
          parts.disconnectTimeoutMs,
          "Disconnecting the Kafka lag reader",
        );
      } catch (error) {
        const reason = error instanceof TimeoutError ? "gave up waiting" : "failed";
        log.warn({ err: error }, `Kafka lag reader disconnect ${reason}; continuing`);
      }
    },
  };
}
