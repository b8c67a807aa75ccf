import type { DeadLetterSink, KafkaClient } from "@edm/kafka";
import { clientOptions, endPool } from "@edm/postgres";
import type { Logger } from "@edm/runtime";
import pg from "pg";
import type { BatchOutcome } from "./batch-handler";
import { waitUntilCaughtUp } from "./catch-up";
import { startCounting } from "./counting";
import { APPLICATION } from "./db";
import { type Generation, generationDatabaseUrl } from "./generation";
import {
  activateGeneration,
  claimGenerationToBuild,
  markBuilt,
  openDeployment,
  readActiveGeneration,
} from "./generation-control";
import { type PartitionLag, totalLag } from "./group-lag";
import { migrate } from "./migrate";
import { ensureSchema, migrateDeployment } from "./migrate-deployment";
import { pruneGenerations } from "./prune-generations";
import { withRebuildLock } from "./rebuild-lock";
import { readTotals, type StatsTotals } from "./totals";

export interface RebuildOptions {
  /** The deployment's DATABASE_URL (its first schema is the deployment's own, "public" in production). */
  databaseUrl: string;
  /** A client for the deployment's broker (KAFKA_URL, TLS and KAFKA_PREFIX as the apps read them). */
  kafka: KafkaClient;
  log: Logger;
  /** The deployment's STATS_GROUP_ID: generation 0's consumer group, and the stem of the others'. */
  groupId?: string;
  /** Switch the API and the live counting to the rebuilt generation once caught up (default true). */
  activate?: boolean;
  /** First drop the generations replaced before (keeping the active one and the one it replaced). */
  pruneRetired?: boolean;
  /** The rebuild's consumer session timeout (default 30 s). */
  sessionTimeoutMs?: number;
  /** How often the lag is sampled and reported (default 1 s). */
  progressIntervalMs?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Aborting stops the rebuild; the generation stays unfinished and the next rebuild resumes it. */
  signal?: AbortSignal;
}

/** Records the rebuild has handled so far. */
export interface RebuildTally {
  /** Records read from Kafka (a redelivered one counts again). */
  records: number;
  /** Events added to the new generation's tables. */
  counted: number;
  /** Events already counted (sent twice, or redelivered). */
  duplicates: number;
  /** Records that cannot be counted. Not sent to the dead-letter topic again: they were when first read. */
  uncountable: number;
}

export interface RebuildProgress extends RebuildTally {
  generation: Generation;
  /** Records retained and not yet counted into the new generation, summed over the partitions. */
  lag: number;
  partitions: PartitionLag[];
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildResult extends RebuildTally {
  /** The generation rebuilt. */
  generation: Generation;
  /** The generation that was active when the rebuild finished (the one replaced, if it switched). */
  previous: Generation;
  /** True when the API and the live counting were switched to the rebuilt generation (once, now). */
  activated: boolean;
  /** True when it carried on with a generation an interrupted rebuild had left unfinished. */
  resumed: boolean;
  /** Lag left on each partition when it stopped: what arrived meanwhile, counted next by live instances. */
  partitions: PartitionLag[];
  durationMs: number;
  /** Records read per second while consuming. */
  eventsPerSecond: number;
  /** Both generations' totals, read right after the switch. */
  totals: { previous: StatsTotals; rebuilt: StatsTotals };
  /** Generations whose tables were dropped first (pruneRetired). */
  pruned: Generation[];
}

/** The rebuild was aborted; run it again to carry on. */
export class RebuildInterruptedError extends Error {
  override name = "RebuildInterruptedError";
}

/**
 * Rebuilds edm-stats' aggregates, blue/green, from everything Kafka still retains:
 *
 * 1. migrates the deployment, then claims the next generation (or resumes an unfinished one) under the
 *    rebuild lock: a fresh schema with the stats tables, and a fresh consumer group;
 * 2. counts the event topics from the oldest retained record into it, with edm-stats' own batch handler
 *    (exactly once: dedupe keys and counts in one transaction, offsets committed after), reporting the lag
 *    every `progressIntervalMs`, while the active generation keeps serving and counting;
 * 3. once caught up (every partition handled up to the high watermarks of the previous sample), stops its
 *    consumer, so the new group's committed offsets are exactly where its tables stop;
 * 4. switches the active generation in one transaction: live instances notice within
 *    STATS_GENERATION_POLL, move their API to the new tables and carry on counting with the new group
 *    from those offsets: nothing lost, nothing counted twice. The replaced generation is kept, for
 *    rollback (activateGeneration) or inspection, until pruned.
 *
 * Only what Kafka retains can be rebuilt: events older than the topics' retention are gone from Kafka, and
 * the rebuilt tables do not have them.
 */
export async function rebuildStats(options: RebuildOptions): Promise<RebuildResult> {
  const { databaseUrl, log } = options;
  const started = Date.now();
  await migrateDeployment({ databaseUrl, log });
  const deployment = await openDeployment(databaseUrl, options.groupId ?? "edm-stats");
  const db = new pg.Pool({ ...clientOptions(databaseUrl, `${APPLICATION} rebuild`), max: 2 });
  try {
    return await withRebuildLock(deployment, async () => {
      const pruned = options.pruneRetired ? await pruneGenerations(db, deployment, log) : [];
      const { generation, resumed } = await claimGenerationToBuild(db, deployment);
      await ensureSchema(databaseUrl, generation.schema);
      await migrate({ databaseUrl: generationDatabaseUrl(databaseUrl, generation), log });
      log.info(
        { event: "stats.rebuild.started", generation, resumed },
        `${resumed ? "resuming" : "starting"} the rebuild of statistics generation ${generation.generation} (schema ${generation.schema}, group ${generation.groupId}) from everything Kafka retains`,
      );

      const { tally, partitions, consumingMs } = await countUntilCaughtUp(options, generation, started);
      await markBuilt(db, deployment, generation.generation);
      let previous = await readActiveGeneration(db, deployment);
      let activated = false;
      if (options.activate ?? true) {
        const switched = await activateGeneration(db, deployment, generation.generation);
        ({ previous } = switched);
        activated = switched.switched;
      }
      const totals = {
        previous: await readTotals(db, previous.schema),
        rebuilt: await readTotals(db, generation.schema),
      };
      const result: RebuildResult = {
        ...tally,
        generation,
        previous,
        activated,
        resumed,
        partitions,
        durationMs: Date.now() - started,
        eventsPerSecond: perSecond(tally.records, consumingMs),
        totals,
        pruned,
      };
      log.info(
        { event: "stats.rebuild.finished", ...result, partitions: undefined },
        activated
          ? `statistics generation ${generation.generation} is rebuilt and active: ${tally.records} records in ${seconds(result.durationMs)}; live instances switch to it within their poll interval`
          : `statistics generation ${generation.generation} is rebuilt (not active): ${tally.records} records in ${seconds(result.durationMs)}`,
      );
      return result;
    });
  } finally {
    await endPool(db, log);
  }
}

async function countUntilCaughtUp(options: RebuildOptions, generation: Generation, started: number) {
  const { kafka, log, signal } = options;
  const tally: RebuildTally = { records: 0, counted: 0, duplicates: 0, uncountable: 0 };
  const addOutcome = (outcome: BatchOutcome) => {
    tally.records += outcome.records;
    tally.counted += outcome.counted;
    tally.duplicates += outcome.duplicates;
  };
  // The dead-letter topic already holds these records, from when the live group first read them.
  const uncountable: DeadLetterSink = {
    send: async (letters) => {
      tally.uncountable += letters.length;
    },
  };
  let lost: Error | undefined;
  const consumingFrom = Date.now();
  const counting = await startCounting({
    kafka,
    generation,
    databaseUrl: generationDatabaseUrl(options.databaseUrl, generation),
    deadLetters: uncountable,
    log,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    afterCommit: addOutcome,
    onConsumerLost: (error) => {
      lost = error;
    },
  });
  let partitions: PartitionLag[];
  try {
    partitions = await waitUntilCaughtUp({
      kafka,
      groupId: generation.groupId,
      intervalMs: options.progressIntervalMs ?? 1_000,
      check: () => {
        if (lost)
          throw new Error(`the rebuild's Kafka consumer stopped for good: ${lost.message}`, { cause: lost });
        if (signal?.aborted) {
          throw new RebuildInterruptedError(
            `the rebuild of generation ${generation.generation} was interrupted; run it again to carry on where it stopped`,
          );
        }
      },
      onSample: (lags) => {
        const elapsedMs = Date.now() - started;
        options.onProgress?.({
          ...tally,
          generation,
          lag: totalLag(lags),
          partitions: lags,
          elapsedMs,
          eventsPerSecond: perSecond(tally.records, Date.now() - consumingFrom),
        });
      },
    });
  } finally {
    // Its last batch's counts and offsets are committed: the new group's offsets end where its tables do.
    await counting.stop();
  }
  return { tally, partitions, consumingMs: Date.now() - consumingFrom };
}

function perSecond(records: number, ms: number): number {
  return ms > 0 ? Math.round((records * 1_000) / ms) : 0;
}

function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}
