// Why every instance has a consumer group of its own:
//
// Kafka splits a topic's partitions among the members of one consumer group. If every edm-stream
// instance joined the same group (the original did), each would read only some partitions and its
// dashboards would see only part of the stream. edm-stream must deliver EVERY event to EVERY
// dashboard, so each instance consumes in its own group: `${STREAM_GROUP_ID}.${instance}`.
//
// The instance name is, in order: STREAM_INSTANCE_ID if set; Heroku's DYNO ("web.1"), which is stable
// across restarts, so on Heroku's basic (multi-tenant) plans the groups can be created beforehand with
// `heroku kafka:consumer-groups:create edm-stream.web.1` (and .web.2 … for each dyno you scale to);
// locally `${hostname}-${port}` (or the pid when the port is picked at random), so two instances on
// one machine never share a group.
//
// A group that has never committed starts at the newest records: dashboards want live events, and
// history is edm-stats' job. A restarted instance resumes where it committed, so the few seconds of
// a restart are delivered late rather than lost.

/** Characters a group name may hold here: what Kafka, Heroku's CLI and KAFKA_PREFIX all accept. */
export const GROUP_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;

export interface InstanceSources {
  /** STREAM_INSTANCE_ID, when set. */
  explicit?: string;
  /** Heroku's DYNO, e.g. "web.1". */
  dyno?: string;
  hostname: string;
  /** The configured HTTP port; 0 means "picked at random", which is no stable name. */
  port: number;
  pid: number;
}

/** The name of this instance, stable across restarts wherever the platform allows. */
export function instanceName(sources: InstanceSources): string {
  if (sources.explicit) return sources.explicit;
  if (sources.dyno) return safeName(sources.dyno);
  const local =
    sources.port > 0 ? `${sources.hostname}-${sources.port}` : `${sources.hostname}-${sources.pid}`;
  return safeName(local);
}

export function streamGroupId(base: string, instance: string): string {
  return `${base}.${instance}`;
}

/** Host names may hold characters a group name should not; they become "-". */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "-");
  return safe === "" ? "unnamed" : safe;
}
