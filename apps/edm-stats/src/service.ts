import { countedDeadLetters, createKafka, type KafkaClient, kafkaDeadLetters } from "@edm/kafka";
import { checkDedupeCoversRetention, type Db, databaseAnswers, endPool, withClient } from "@edm/postgres";
import { createMetricsRegistry, type Logger, type RunningHttpServer, startHttpServer } from "@edm/runtime";
import { DEAD_LETTER_TOPIC, EVENT_TOPICS } from "@edm/schema";
import { createApp } from "./app";
import type { BatchDeps } from "./batch-handler";
import type { StatsConfig } from "./config";
import { type Counting, startCounting } from "./counting";
import { APPLICATION, createStatsPool } from "./db";
import { type Deployment, type Generation, generationDatabaseUrl } from "./generation";
import { openDeployment, readActiveGeneration } from "./generation-control";
import { followActiveGeneration, type GenerationFollower } from "./generation-follower";
import { migrateDeployment } from "./migrate-deployment";
import { createPipelineMonitor } from "./pipeline-monitor";
import { createQueries } from "./queries";
import { type SwitchableQueries, switchableQueries } from "./switchable-queries";

export interface StatsDeps {
  log: Logger;
  /** Defaults to a client built from config.kafka. */
  kafka?: KafkaClient;
  /** See BatchDeps.afterCommit: tests stand a crash there. */
  afterCommit?: BatchDeps["afterCommit"];
  now?: () => number;
  /** Called when the Kafka consumer has crashed for good: this instance then counts nothing. */
  onConsumerLost?: (error: Error) => void;
}

export interface RunningStats {
  url: string;
  port: number;
  /** The statistics generation this instance serves and counts into (see generation.ts). */
  generation(): Generation;
  /** Finishes the batch in hand (its counts and offsets committed), then closes HTTP and the database. */
  stop(): Promise<void>;
}

/**
 * Starts edm-stats: HTTP first (so the platform sees the port bound and /readyz says "not yet" while the
 * consumer joins its group), then the check that DEDUPE_RETENTION covers the topics' retention, then the
 * dead-letter producer and the counting. A failed start closes what was opened and throws.
 *
 * It serves and counts the ACTIVE generation (generation 0, the configured schema and group, until a
 * rebuild switches), and follows the pointer: when it names another generation, the API moves to that
 * generation's tables and the counting to its consumer group (see rebuild.ts).
 */
export async function startStats(config: StatsConfig, deps: StatsDeps): Promise<RunningStats> {
  const { log } = deps;
  const kafka = deps.kafka ?? createKafka(config.kafka, { log });
  const producer = kafka.producer();
  let deployment: Deployment | undefined;
  // Through the API's pool once there is one: the pointer's table is schema-qualified.
  const readActive = async (db: Db | undefined): Promise<Generation> => {
    deployment ??= await openDeployment(config.databaseUrl, config.groupId);
    return db
      ? readActiveGeneration(db, deployment)
      : readActiveGenerationOnce(config.databaseUrl, deployment);
  };
  const registry = createMetricsRegistry({ service: "edm-stats" });
  const lagReader = kafka.groupLagReader();

  let generation: Generation = { generation: 0, schema: "", groupId: config.groupId };
  let apiDb: Db | undefined;
  let queries: SwitchableQueries | undefined;
  let counting: Counting | undefined;
  let follower: GenerationFollower | undefined;
  let http: RunningHttpServer | undefined;

  const count = (next: Generation) =>
    startCounting({
      kafka,
      generation: next,
      databaseUrl: generationDatabaseUrl(config.databaseUrl, next),
      deadLetters: countedDeadLetters(
        kafkaDeadLetters(producer, { topic: DEAD_LETTER_TOPIC, consumer: next.groupId }),
        registry,
        next.groupId,
      ),
      metrics: registry,
      log,
      sessionTimeoutMs: config.sessionTimeoutMs,
      pruning: { dedupeRetentionMs: config.dedupeRetentionMs },
      ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.onConsumerLost ? { onConsumerLost: deps.onConsumerLost } : {}),
    });

  // The API first (the new tables are complete up to where the rebuild stopped), then the counting: the old
  // group's consumer finishes its batch and leaves, and the new group carries on from the offsets the
  // rebuild committed, so its tables miss nothing and count nothing twice.
  const switchTo = async (next: Generation) => {
    const oldApiDb = apiDb;
    apiDb = createStatsPool(generationDatabaseUrl(config.databaseUrl, next), log, "api");
    queries?.use(createQueries(apiDb, deps.now));
    await counting?.stop();
    counting = undefined;
    counting = await count(next);
    generation = next;
    if (oldApiDb) await endPool(oldApiDb, log);
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await follower?.stop();
      // In parallel: the consumer finishes its batch in hand while the HTTP server drains its requests.
      await Promise.all([counting?.stop(), http?.close(5_000)]);
      await Promise.all([producer.disconnect(), lagReader.disconnect()]);
      if (apiDb) await endPool(apiDb, log);
    })();
    return stopping;
  };

  try {
    if (config.migrateOnStart) await migrateDeployment({ databaseUrl: config.databaseUrl, log });
    generation = await readActive(undefined).catch((err: unknown) => {
      // Counting generation 0 meanwhile is harmless: each generation counts exactly once into its own
      // tables, and the follower moves to the active one as soon as the database answers.
      log.warn(
        { err, event: "stats.generation.unknown" },
        "could not read the active statistics generation at start; serving generation 0 until the database answers",
      );
      return generation;
    });
    // Two pools: the consumer's batches never queue behind HTTP queries (see POOL_SIZES).
    const firstApiDb = createStatsPool(generationDatabaseUrl(config.databaseUrl, generation), log, "api");
    apiDb = firstApiDb;
    queries = switchableQueries(createQueries(firstApiDb, deps.now));
    const ready = async () => ({
      kafka: counting?.isRunning() ?? false,
      database: await databaseAnswers(apiDb ?? firstApiDb),
    });
    const pipeline = createPipelineMonitor({
      reader: lagReader,
      statsGroup: () => generation.groupId,
      ready,
      urls: config.pipeline,
      log,
    });
    const metrics = { registry, token: config.metrics.token };
    const app = createApp({ queries, ready, corsOrigins: config.corsOrigins, log, metrics, pipeline });
    http = await startHttpServer({ app, port: config.port, log });
    await checkDedupeCoversRetention(kafka, EVENT_TOPICS, config.dedupeRetentionMs, {
      log,
      service: "edm-stats",
      eventPrefix: "stats",
    });
    await producer.connect();
    counting = await count(generation);
    follower = followActiveGeneration({
      current: generation,
      readActive: () => readActive(apiDb),
      switchTo,
      onSwitchFailed: (error) => {
        log.error({ err: error }, "switching to the active statistics generation failed");
        deps.onConsumerLost?.(error);
      },
      pollMs: config.generationPollMs,
      log,
    });
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  log.info(
    { groupId: generation.groupId, generation: generation.generation, topics: EVENT_TOPICS, url: http.url },
    "edm-stats is counting events and serving statistics",
  );
  return { url: http.url, port: http.port, generation: () => generation, stop };
}

function readActiveGenerationOnce(databaseUrl: string, deployment: Deployment): Promise<Generation> {
  return withClient(databaseUrl, APPLICATION, (client) => readActiveGeneration(client, deployment));
}
