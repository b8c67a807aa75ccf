-- Up Migration

-- Event ids are UUIDs (the schema refuses any other id, and lowercases it), yet they were kept as text in
-- processed_events, beside the "kafka:<topic>:<partition>:<offset>" keys of records without an id. Every
-- event counted inserts its key, so this table's inserts are most of PostgreSQL's work while a backlog
-- drains: as uuid, a key is 16 bytes instead of 37 and compares as bytes, which made claiming a batch's keys
-- about a fifth cheaper. Records without an id keep their text keys in processed_events.
create table processed_event_ids (
  event_key uuid primary key,
  processed_at timestamptz not null default now()
);
-- As for processed_events: rows arrive in processed_at order, and the periodic prune deletes by it.
create index processed_event_ids_processed_at on processed_event_ids using brin (processed_at);

-- The ids counted so far move over, so an event redelivered across the upgrade is still found.
insert into processed_event_ids (event_key, processed_at)
  select event_key::uuid, processed_at from processed_events
  where event_key not like 'kafka:%'
  order by processed_at;
delete from processed_events where event_key not like 'kafka:%';

-- An instance of the previous release still counting (Heroku runs this in the release phase while the old
-- dynos go on) would claim ids in processed_events, where this release no longer looks: an event it counted
-- could then be counted again here. Its inserts fail instead, with an error edm-stats takes for a database
-- fault (P0001, not a data error): that instance waits and retries, commits nothing, and its batches go to
-- the new instances once it stops.
create function refuse_event_ids_in_processed_events() returns trigger language plpgsql as $$
begin
  raise exception 'event ids are claimed in processed_event_ids since migration 1796000000000: an older edm-stats is still running, and waits to be replaced';
end
$$;
create trigger event_ids_in_their_own_table before insert on processed_events
  for each row when (new.event_key not like 'kafka:%')
  execute function refuse_event_ids_in_processed_events();

-- Down Migration

drop trigger event_ids_in_their_own_table on processed_events;
drop function refuse_event_ids_in_processed_events();

insert into processed_events (event_key, processed_at)
  select event_key::text, processed_at from processed_event_ids;
drop table processed_event_ids;
