/**
 * Heroku's multi-tenant Kafka plans give each app a KAFKA_PREFIX (e.g. "milk-3411.") that must start
 * every topic and consumer-group name on the broker. Callers use logical names ("edm-ui-click"); this
 * is the one place that adds the prefix on the way out and strips it from records on the way in.
 */
export interface Prefixer {
  readonly prefix: string;
  /** Broker topic name for a logical topic name. */
  topic(name: string): string;
  /** Broker consumer-group id for a logical group name. */
  groupId(name: string): string;
  /** Logical topic name for a topic name seen on the broker. */
  logicalTopic(brokerName: string): string;
}

/** Kafka's own rule for topic names; group ids are free text, but the same rule keeps them tidy. */
const LEGAL_NAME = /^[A-Za-z0-9._-]+$/;
const MAX_TOPIC_LENGTH = 249;

export function isLegalPrefix(prefix: string): boolean {
  return prefix === "" || LEGAL_NAME.test(prefix);
}

export function createPrefixer(prefix: string): Prefixer {
  if (!isLegalPrefix(prefix)) {
    throw new Error(`Kafka prefix "${prefix}" may hold only letters, digits, ".", "_" and "-"`);
  }

  const apply = (kind: string, name: string): string => {
    if (!LEGAL_NAME.test(name)) {
      throw new Error(
        `Kafka ${kind} name "${name}" must be non-empty and hold only letters, digits, ".", "_" and "-"`,
      );
    }
    return prefix + name;
  };

  return {
    prefix,
    topic(name) {
      const full = apply("topic", name);
      if (full.length > MAX_TOPIC_LENGTH) {
        throw new Error(`Kafka topic name "${full}" is longer than ${MAX_TOPIC_LENGTH} characters`);
      }
      return full;
    },
    groupId: (name) => apply("consumer group", name),
    logicalTopic: (brokerName) =>
      prefix !== "" && brokerName.startsWith(prefix) ? brokerName.slice(prefix.length) : brokerName,
  };
}
