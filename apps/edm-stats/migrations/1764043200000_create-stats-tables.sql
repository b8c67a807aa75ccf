-- Up Migration

-- Names are unqualified on purpose: they land in the schema the connection's search_path names first, so
-- the same migrations serve production ("public") and each test's own schema.

-- Keys of the events already counted: the event's `id`, or "kafka:<topic>:<partition>:<offset>" for a
-- record without one. A batch inserts its keys with ON CONFLICT DO NOTHING in the same transaction as the
-- counts it adds, so an event Kafka delivers twice, or a producer wrote twice, is counted once.
create table processed_events (
  event_key text primary key,
  processed_at timestamptz not null default now()
);
-- Rows arrive in processed_at order, which is what BRIN indexes suit: tiny, nearly free to maintain,
-- and enough for the periodic delete of keys older than the retention window.
create index processed_events_processed_at on processed_events using brin (processed_at);

-- All-time clicks per button (GET /api/clickCount).
create table click_counts (
  button_id text primary key,
  clicks bigint not null check (clicks >= 0)
);

-- Events per UTC day and topic (click history, totals).
create table daily_events (
  topic text not null,
  day date not null,
  events bigint not null check (events >= 0),
  primary key (topic, day)
);

-- Events per minute and topic, for the last-hour series; old minutes are pruned.
create table minute_events (
  minute timestamptz not null,
  topic text not null,
  events bigint not null check (events >= 0),
  primary key (minute, topic)
);

-- All-time page loads per page (URL path).
create table page_loads (
  page text primary key,
  loads bigint not null check (loads >= 0)
);

-- Distinct sessions (`uuid` on the wire) ever seen.
create table sessions (
  session_id text primary key,
  first_seen_at timestamptz not null
);

-- Down Migration

drop table sessions;
drop table page_loads;
drop table minute_events;
drop table daily_events;
drop table click_counts;
drop table processed_events;
