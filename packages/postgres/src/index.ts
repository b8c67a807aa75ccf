/**
 * @edm/postgres: what a consumer needs to store what it reads exactly once in PostgreSQL.
 *
 *   const db = createPool(databaseUrl, { log, application: "edm-funnel consumer", max: 2, eventPrefix: "funnel" });
 *   await consumer.start((batch) =>
 *     storeBatchOnce({ decode, store: (items) => inTransaction(db, ...), deadLetters, log, eventPrefix }, batch));
 *
 * storeBatchOnce decodes a batch, stores it (store claims dedupe keys and adds aggregates in one
 * transaction), waits out database faults, isolates the records PostgreSQL refuses and dead-letters them
 * with the invalid ones; migrate() runs an app's node-pg-migrate folder in the connection's own schema.
 * The dedupe keys are kept for DEDUPE_RETENTION (checkDedupeCoversRetention: at least the topics' retention)
 * and then forgotten in chunks (deleteOlderThan, schedulePruning).
 */
export { claimKeys, type KeyTable } from "./claim-keys";
export type { DatabaseFault } from "./database-fault";
export { classifyDatabaseError } from "./database-fault";
export type { Db, PoolOptions } from "./db";
export {
  clientOptions,
  connectionStringFor,
  createPool,
  databaseAnswers,
  endPool,
  inTransaction,
  withClient,
} from "./db";
export {
  checkDedupeCoversRetention,
  DedupeWindowTooShortError,
  dedupeRetentionSetting,
  retentionProblems,
} from "./dedupe-window";
export type { IsolatedOutcome, StoreOutcome } from "./isolate-refused";
export { storeIsolatingRefused } from "./isolate-refused";
export type { MigrateOptions, MigrationSet } from "./migrate";
export { migrate } from "./migrate";
export type { Chunking, Deleted, PruneJob, PruneRun, PruneSchedule, Pruning } from "./prune";
export { DEFAULT_CHUNKING, deleteOlderThan, schedulePruning } from "./prune";
export type { Backoff, RetryContext } from "./retry-database";
export { backoffDelayMs, DATABASE_BACKOFF, retryWhileDatabaseFails } from "./retry-database";
export type { BatchHandlerDeps, BatchInput, BatchOutcome, Decoded, StoreOnceDeps } from "./store-batch-once";
export { storeBatchOnce } from "./store-batch-once";
