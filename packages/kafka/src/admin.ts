import kafkajs from "kafkajs";
import { type ClientParts, errorMessage } from "./client-parts";
import { TimeoutError, withTimeout } from "./with-timeout";

export interface TopicSpec {
  /** Logical topic name. */
  topic: string;
  /** Default: the broker's num.partitions. */
  partitions?: number;
  /** retention.ms; default: the broker's. */
  retentionMs?: number;
}

export interface PartitionOffset {
  partition: number;
  /** Next offset the group will read; "-1" when the group has committed nothing for this partition. */
  offset: string;
}

/** One consumer in a group, as the group coordinator knows it. */
export interface GroupMember {
  memberId: string;
  /** The member's client id, e.g. "edm-stats" (names the app). */
  clientId: string;
  /** Where it connects from, e.g. "/10.1.2.3". */
  clientHost: string;
}

export interface GroupDescription {
  /** Logical group name. */
  groupId: string;
  /** The coordinator's word: "Empty", "Stable", "PreparingRebalance", "CompletingRebalance" or "Dead". */
  state: string;
  members: GroupMember[];
}

export interface TopicPartitionOffsets {
  /** Logical topic name. */
  topic: string;
  partitions: PartitionOffset[];
}

export interface PartitionRange {
  partition: number;
  /** The oldest offset still retained (log start). */
  low: string;
  /** The offset the next record will get (high watermark): a caught-up group has committed this. */
  high: string;
}

/** Topic and group administration. Connects on first use. */
export interface KafkaAdmin {
  /**
   * Creates the topics that do not exist yet (logical names) and returns the ones it created; existing
   * topics are left as they are. For local brokers and tests: on Heroku, topics come from the CLI
   * (`heroku kafka:topics:create`).
   */
  ensureTopics(specs: TopicSpec[]): Promise<string[]>;
  /** Topic names exactly as on the broker (with KAFKA_PREFIX). */
  listTopics(): Promise<string[]>;
  /** Consumer-group ids exactly as on the broker (with KAFKA_PREFIX). */
  listGroups(): Promise<string[]>;
  /** Committed offsets of a group (logical names) on a topic, by partition. */
  fetchCommittedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  /**
   * Every committed offset of a group, on every topic it committed to (logical names), by partition.
   * Topics carrying another KAFKA_PREFIX than this client's are left out.
   */
  fetchGroupOffsets(groupId: string): Promise<TopicPartitionOffsets[]>;
  /** A group's state and its active members (none when it is "Empty" or "Dead"). */
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** Each partition's retained range: log start and high watermark. */
  topicOffsets(topic: string): Promise<PartitionRange[]>;
  /**
   * Per partition, the first offset whose record's timestamp is at or after `timestampMs`; the high
   * watermark where every record is older.
   */
  offsetsAtTime(topic: string, timestampMs: number): Promise<PartitionOffset[]>;
  /**
   * Commits `offsets` as a group's position on a topic (the partitions not listed keep theirs). Kafka
   * accepts this only while the group has no active members: check describeGroup first.
   */
  setOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void>;
  /**
   * How long each topic (logical names) keeps its records: its retention.ms, -1 meaning forever. A topic
   * maps to undefined when the broker does not let this client read its configuration (an ACL).
   */
  topicRetentionMs(topics: string[]): Promise<Map<string, number | undefined>>;
  /** Deletes topics (logical names). */
  deleteTopics(topics: string[]): Promise<void>;
  /** Gives up waiting after the client's disconnect timeout (logs a warning, never throws). */
  disconnect(): Promise<void>;
}

export function createAdmin(parts: ClientParts): KafkaAdmin {
  const { prefixer, log } = parts;
  const admin = parts.kafka.admin({ retry: parts.retry });
  let connecting: Promise<void> | undefined;

  const connected = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      connecting ??= admin.connect().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      await connecting;
      return await work();
    } catch (error) {
      throw new Error(`Kafka admin could not ${what}: ${errorMessage(error)}`, { cause: error });
    }
  };

  return {
    ensureTopics: (specs) =>
      connected("create topics", async () => {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((spec) => !existing.has(prefixer.topic(spec.topic)));
        if (missing.length === 0) return [];
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: prefixer.topic(spec.topic),
            ...(spec.partitions === undefined ? {} : { numPartitions: spec.partitions }),
            ...(spec.retentionMs === undefined
              ? {}
              : { configEntries: [{ name: "retention.ms", value: String(spec.retentionMs) }] }),
          })),
        });
        log.info({ topics: missing.map((spec) => spec.topic) }, "Created Kafka topics");
        return missing.map((spec) => spec.topic);
      }),
    listTopics: () => connected("list topics", () => admin.listTopics()),
    listGroups: () =>
      connected("list consumer groups", async () =>
        (await admin.listGroups()).groups.map((group) => group.groupId),
      ),
    fetchCommittedOffsets: (groupId, topic) =>
      connected("fetch committed offsets", async () => {
        const brokerTopic = prefixer.topic(topic);
        const answer = await admin.fetchOffsets({
          groupId: prefixer.groupId(groupId),
          topics: [brokerTopic],
        });
        const partitions = answer.find((entry) => entry.topic === brokerTopic)?.partitions ?? [];
        return partitions
          .map(({ partition, offset }) => ({ partition, offset }))
          .sort((a, b) => a.partition - b.partition);
      }),
    fetchGroupOffsets: (groupId) =>
      connected("fetch a group's committed offsets", async () => {
        const answer = await admin.fetchOffsets({ groupId: prefixer.groupId(groupId) });
        return answer
          .filter((entry) => prefixer.prefix === "" || entry.topic.startsWith(prefixer.prefix))
          .map((entry) => ({
            topic: prefixer.logicalTopic(entry.topic),
            partitions: entry.partitions
              .map(({ partition, offset }) => ({ partition, offset }))
              .sort((a, b) => a.partition - b.partition),
          }))
          .sort((a, b) => a.topic.localeCompare(b.topic));
      }),
    describeGroup: (groupId) =>
      connected("describe a consumer group", async () => {
        const { groups } = await admin.describeGroups([prefixer.groupId(groupId)]);
        const group = groups[0];
        return {
          groupId,
          state: group?.state ?? "Dead",
          members: (group?.members ?? []).map(({ memberId, clientId, clientHost }) => ({
            memberId,
            clientId,
            clientHost,
          })),
        };
      }),
    topicOffsets: (topic) =>
      connected("read a topic's offsets", async () =>
        (await admin.fetchTopicOffsets(prefixer.topic(topic)))
          .map(({ partition, low, high }) => ({ partition, low, high }))
          .sort((a, b) => a.partition - b.partition),
      ),
    offsetsAtTime: (topic, timestampMs) =>
      connected("find offsets by time", async () =>
        (await admin.fetchTopicOffsetsByTimestamp(prefixer.topic(topic), timestampMs))
          .map(({ partition, offset }) => ({ partition, offset }))
          .sort((a, b) => a.partition - b.partition),
      ),
    setOffsets: (groupId, topic, offsets) =>
      connected("set a group's offsets", async () => {
        if (offsets.length === 0) return;
        // kafkajs joins the group with a short-lived member to commit, and refuses while others are in it.
        await admin.setOffsets({
          groupId: prefixer.groupId(groupId),
          topic: prefixer.topic(topic),
          partitions: offsets,
        });
        log.info({ groupId, topic, offsets }, "Set a consumer group's offsets");
      }),
    topicRetentionMs: (topics) =>
      connected("read the topics' retention", async () => {
        const retention = new Map<string, number | undefined>();
        if (topics.length === 0) return retention;
        try {
          const { resources } = await admin.describeConfigs({
            includeSynonyms: false,
            resources: topics.map((topic) => ({
              type: kafkajs.ConfigResourceTypes.TOPIC,
              name: prefixer.topic(topic),
              configNames: ["retention.ms"],
            })),
          });
          for (const topic of topics) {
            const resource = resources.find((entry) => entry.resourceName === prefixer.topic(topic));
            const value = resource?.configEntries.find((entry) => entry.configName === "retention.ms");
            retention.set(topic, value === undefined ? undefined : Number(value.configValue));
          }
        } catch (error) {
          // An ACL refusal is permanent: say "unknown" rather than fail every start for good.
          if (!isAuthorizationError(error)) throw error;
          for (const topic of topics) retention.set(topic, undefined);
        }
        return retention;
      }),
    deleteTopics: (topics) =>
      connected("delete topics", async () => {
        if (topics.length > 0)
          await admin.deleteTopics({ topics: topics.map((topic) => prefixer.topic(topic)) });
      }),
    async disconnect() {
      connecting = undefined;
      try {
        await withTimeout(
          admin.disconnect(),
          parts.disconnectTimeoutMs,
          "Disconnecting the Kafka admin client",
        );
      } catch (error) {
        const reason = error instanceof TimeoutError ? "gave up waiting" : "failed";
        log.warn({ err: error }, `Kafka admin disconnect ${reason}; continuing`);
      }
    },
  };
}

function isAuthorizationError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === "string" && type.endsWith("AUTHORIZATION_FAILED");
}
