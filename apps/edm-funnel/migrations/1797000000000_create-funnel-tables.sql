-- Up Migration

-- Names are unqualified on purpose: they land in the schema the connection's search_path names first, so
-- the same migrations serve production ("public") and each test's own schema. They are edm-funnel's own
-- (funnel_*, and pgmigrations_funnel for node-pg-migrate), so that it may share a database with edm-stats,
-- as `npm start` does.

-- Keys of the events already counted: the event's `id`, or "kafka:<topic>:<partition>:<offset>" for a
-- record without one. A batch claims its keys with ON CONFLICT DO NOTHING in the same transaction as the
-- sessions it changes, so an event Kafka delivers twice, or a producer wrote twice, counts once.
create table funnel_processed_events (
  event_key text primary key,
  processed_at timestamptz not null default now()
);
create index funnel_processed_events_processed_at on funnel_processed_events using brin (processed_at);

-- One row per session: one visitor's events with no gap of more than 30 minutes between them (see
-- src/funnel.ts), and the furthest funnel step reached (0 visited … 3 checked out). A late or
-- out-of-order event extends a session, or joins the two it falls between, in the batch's transaction;
-- the funnel per hour is counted from these rows, by the hour each session started.
create table funnel_sessions (
  session_id bigint generated always as identity primary key,
  visitor text not null,
  started_at timestamptz not null,
  ended_at timestamptz not null,
  depth smallint not null check (depth between 0 and 3),
  check (ended_at >= started_at)
);
-- A batch finds a visitor's sessions near its events; GET /api/funnel reads the last hours.
create index funnel_sessions_visitor on funnel_sessions (visitor, started_at);
create index funnel_sessions_started_at on funnel_sessions (started_at);

-- Down Migration

drop table funnel_sessions;
drop table funnel_processed_events;
