// Creates the Kafka topics and consumer groups the apps need, then waits until EVERY one of them exists.
// The original's wait loop stopped at the first topic it saw, so the apps could start before the others
// existed. The heroku CLI is behind an interface so this logic is tested without Heroku.

/** What the heroku CLI's kafka plugin can do on the app that owns the cluster. */
export interface KafkaCli {
  /** Returns once the cluster is provisioned (`heroku kafka:wait`). */
  waitForCluster(): Promise<void>;
  /** KAFKA_PREFIX on multi-tenant plans, "" on dedicated ones. */
  prefix(): Promise<string>;
  topicExists(topic: string): Promise<boolean>;
  createTopic(topic: string, settings: { partitions: number; retention: string }): Promise<void>;
  /** Names as the CLI lists them (with or without the prefix). */
  consumerGroups(): Promise<string[]>;
  createConsumerGroup(group: string): Promise<void>;
}

export interface KafkaWants {
  topics: readonly string[];
  partitions: number;
  /** As the CLI reads it: "1d", "36h". */
  retention: string;
  /** Empty on dedicated plans, where groups need no creating. */
  consumerGroups: readonly string[];
}

export interface Waiting {
  timeoutMs: number;
  pollMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  say(line: string): void;
}

export interface Missing {
  topics: string[];
  consumerGroups: string[];
}

export async function ensureKafkaResources(
  cli: KafkaCli,
  wants: KafkaWants,
  waiting: Waiting,
): Promise<void> {
  const deadline = waiting.now() + waiting.timeoutMs;
  waiting.say("waiting for the Kafka cluster to be provisioned");
  await cli.waitForCluster();
  const prefix = await cli.prefix();

  const initial = await findMissing(cli, wants, prefix);
  for (const topic of initial.topics) {
    waiting.say(`creating topic ${topic} (${wants.partitions} partitions, retention ${wants.retention})`);
    // A failure (say, created meanwhile by another run) is not final: the wait below decides.
    await cli
      .createTopic(topic, { partitions: wants.partitions, retention: wants.retention })
      .catch((error: unknown) => waiting.say(`creating topic ${topic} failed: ${messageOf(error)}`));
  }
  for (const group of initial.consumerGroups) {
    waiting.say(`creating consumer group ${group}`);
    await cli
      .createConsumerGroup(group)
      .catch((error: unknown) => waiting.say(`creating consumer group ${group} failed: ${messageOf(error)}`));
  }

  for (;;) {
    const missing = await findMissing(cli, wants, prefix);
    if (missing.topics.length === 0 && missing.consumerGroups.length === 0) {
      waiting.say(
        `all ${wants.topics.length} topics and ${wants.consumerGroups.length} consumer groups exist`,
      );
      return;
    }
    if (waiting.now() >= deadline) {
      throw new Error(
        `gave up after ${Math.round(waiting.timeoutMs / 1000)} s; still missing: ${describe(missing)}`,
      );
    }
    waiting.say(`still waiting for ${describe(missing)}`);
    await waiting.sleep(waiting.pollMs);
  }
}

export async function findMissing(cli: KafkaCli, wants: KafkaWants, prefix: string): Promise<Missing> {
  const topics: string[] = [];
  for (const topic of wants.topics) {
    if (!(await cli.topicExists(topic))) topics.push(topic);
  }
  const listed = wants.consumerGroups.length > 0 ? new Set(await cli.consumerGroups()) : new Set<string>();
  const consumerGroups = wants.consumerGroups.filter(
    (group) => !listed.has(group) && !listed.has(`${prefix}${group}`),
  );
  return { topics, consumerGroups };
}

function describe(missing: Missing): string {
  const parts = [
    missing.topics.length > 0 ? `topics ${missing.topics.join(", ")}` : "",
    missing.consumerGroups.length > 0 ? `consumer groups ${missing.consumerGroups.join(", ")}` : "",
  ];
  return parts.filter((part) => part !== "").join("; ");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
