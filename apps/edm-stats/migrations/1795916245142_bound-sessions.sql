-- Up Migration

-- Sessions are forgotten once their first event is older than the session window (see src/prune.ts), so
-- the table holds the sessions of that window only. Session ids come from clients, in any order of first
-- event time: a B-tree, not BRIN, finds the old ones.
create index sessions_first_seen_at on sessions (first_seen_at);

-- Down Migration

drop index sessions_first_seen_at;
