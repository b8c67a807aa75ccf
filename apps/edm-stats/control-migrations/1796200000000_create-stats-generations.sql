-- Up Migration

-- Generations of the statistics (README: "Rebuilding the statistics"). A generation is a full set of the
-- stats tables in a schema of its own, filled by a consumer group of its own; a rebuild fills a new one
-- from everything Kafka retains while the active one keeps serving. These tables live only in the
-- deployment's own schema (the first of the connection's search_path, "public" in production), never in a
-- generation's schema.
create table stats_generations (
  generation integer primary key check (generation >= 0),
  -- Generation 0 is the deployment's own schema and configured group, as before generations existed.
  schema_name text not null unique,
  group_id text not null unique,
  created_at timestamptz not null default now(),
  -- When its rebuild reached the head of the topics and stopped consuming; null while it is being built.
  built_at timestamptz,
  -- The last time it became, or stopped being, the active generation.
  activated_at timestamptz,
  retired_at timestamptz,
  -- Its schema was dropped (a pruned generation is kept here as history).
  dropped_at timestamptz
);

-- The generation the API reads and live instances count into: one row, switched in one transaction. No row
-- means generation 0, so a deployment that never rebuilt keeps working unchanged.
create table stats_active_generation (
  singleton boolean primary key default true check (singleton),
  generation integer not null references stats_generations (generation),
  switched_at timestamptz not null default now()
);

-- Down Migration

drop table stats_active_generation;
drop table stats_generations;
