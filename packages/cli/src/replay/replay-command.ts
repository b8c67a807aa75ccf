import type { KafkaAdmin, KafkaClient } from "@edm/kafka";
import { Option } from "commander";
import { CliError, EXIT } from "../cli-error";
import type { CliCommand } from "../command";
import type { CliContext } from "../context";
import { describeMembers, hasActiveMembers } from "./active-members";
import { formatPlan } from "./format-plan";
import { type PlannedPartition, planReplay, type TopicState } from "./replay-plan";
import { describeTarget, parseReplayTarget, type ReplayTarget } from "./replay-target";

interface ReplayOptions {
  to: ReplayTarget;
  topic?: string[];
  dryRun?: boolean;
}

export const replayCommand: CliCommand = {
  name: "replay",
  register(program, context) {
    program
      .command("replay")
      .description(
        "Move a consumer group to earliest, latest, a time or given offsets, so it reads again from there.",
      )
      .argument("<group>", "the consumer group (logical name, without KAFKA_PREFIX), e.g. edm-stats")
      .addOption(
        new Option("--to <target>", "earliest | latest | ISO 8601 time | topic:partition=offset,...")
          .argParser(parseReplayTarget)
          .makeOptionMandatory(),
      )
      .option(
        "--topic <topic...>",
        "only these topics (default: every topic the group has committed offsets on)",
      )
      .option(
        "--dry-run",
        "print, per partition, the committed offset, the target and the lag; change nothing",
      )
      .addHelpText(
        "after",
        `
Kafka moves a group only while it has no active members: stop its consumers first (e.g.
heroku ps:scale web=0 -a <app>, or Ctrl-C the local app), replay, then start them again.

Examples:
  pnpm edm replay edm-stats --to earliest --dry-run
  pnpm edm replay edm-stats --to 2024-05-01T00:00:00Z --topic edm-ui-click
  pnpm edm replay edm-stats --to edm-ui-click:0=120,edm-ui-click:1=98`,
      )
      .action((group: string, options: ReplayOptions) =>
        withAdmin(context, (admin, kafka) => replay(context, admin, kafka, group, options)),
      );
  },
};

async function withAdmin<T>(
  context: CliContext,
  work: (admin: KafkaAdmin, kafka: KafkaClient) => Promise<T>,
): Promise<T> {
  const kafka = await context.kafka();
  const admin = kafka.admin();
  try {
    return await work(admin, kafka);
  } finally {
    await admin.disconnect();
  }
}

async function replay(
  context: CliContext,
  admin: KafkaAdmin,
  kafka: KafkaClient,
  group: string,
  options: ReplayOptions,
) {
  const status = context.statusLine();
  try {
    status.update(`Reading consumer group ${group}…`);
    const description = await admin.describeGroup(group);
    const committed = await admin.fetchGroupOffsets(group);
    const topics = await chooseTopics(
      admin,
      kafka,
      group,
      options,
      committed.map((entry) => entry.topic),
    );

    const states: TopicState[] = [];
    for (const topic of topics) {
      status.update(`Reading offsets of ${topic}…`);
      states.push(await topicState(admin, topic, options.to, committed));
    }
    const plan = planReplay(options.to, states);
    if (!plan.ok)
      throw new CliError(`cannot replay ${group}:\n  - ${plan.problems.join("\n  - ")}`, EXIT.usage);
    status.clear();

    const moving = `group ${group} to ${describeTarget(options.to)}`;
    context.print(formatPlan(plan.partitions));
    const busy = hasActiveMembers(description)
      ? `group ${group} has ${description.members.length} active member${description.members.length === 1 ? "" : "s"} (${describeMembers(description)}); stop them first, e.g. heroku ps:scale web=0 -a <app> (or Ctrl-C the local app)`
      : undefined;
    if (options.dryRun) {
      context.print(`Dry run: nothing changed. A replay would move ${moving}.`);
      if (busy) context.print(`Note: a replay would be refused now: ${busy}.`);
      return;
    }
    if (busy) throw new CliError(`refused to replay: ${busy}, then run this again.`, EXIT.refused);

    await move(context, admin, group, plan.partitions, status);
    status.clear();
    await confirm(admin, group, plan.partitions);
    const lag = plan.partitions.reduce((sum, entry) => sum + entry.lagAfter, 0);
    context.print(
      `Moved ${moving}: ${plan.partitions.length} partition(s), ${lag} record(s) to read. Start its consumers again.`,
    );
  } finally {
    status.clear();
  }
}

async function chooseTopics(
  admin: KafkaAdmin,
  kafka: KafkaClient,
  group: string,
  options: ReplayOptions,
  committedTopics: string[],
): Promise<string[]> {
  const named = options.topic ?? [];
  const fromOffsets = options.to.kind === "offsets" ? options.to.offsets.map((entry) => entry.topic) : [];
  if (fromOffsets.length > 0 && named.length > 0) {
    const outside = fromOffsets.filter((topic) => !named.includes(topic));
    if (outside.length > 0)
      throw new CliError(`--to names ${outside.join(", ")}, which --topic leaves out`, EXIT.usage);
  }
  const topics = [
    ...new Set(fromOffsets.length > 0 ? fromOffsets : named.length > 0 ? named : committedTopics),
  ].sort();
  if (topics.length === 0) {
    throw new CliError(
      `group ${group} has committed no offsets (it may not exist): name the topics with --topic, e.g. --topic edm-ui-click edm-ui-pageload`,
      EXIT.usage,
    );
  }
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(kafka.topic(topic)));
  if (missing.length > 0)
    throw new CliError(`no such topic on the broker: ${missing.map(kafka.topic).join(", ")}`, EXIT.usage);
  return topics;
}

async function topicState(
  admin: KafkaAdmin,
  topic: string,
  target: ReplayTarget,
  committed: { topic: string; partitions: { partition: number; offset: string }[] }[],
): Promise<TopicState> {
  const ranges = (await admin.topicOffsets(topic)).map(({ partition, low, high }) => ({
    partition,
    low: Number(low),
    high: Number(high),
  }));
  const ofTopic = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
  const state: TopicState = {
    topic,
    ranges,
    committed: new Map(
      ofTopic
        .filter(({ offset }) => Number(offset) >= 0)
        .map(({ partition, offset }) => [partition, Number(offset)]),
    ),
  };
  if (target.kind === "time") {
    const atTime = await admin.offsetsAtTime(topic, target.timestampMs);
    state.atTime = new Map(atTime.map(({ partition, offset }) => [partition, Number(offset)]));
  }
  return state;
}

async function move(
  context: CliContext,
  admin: KafkaAdmin,
  group: string,
  partitions: PlannedPartition[],
  status: { update(text: string): void },
) {
  const topics = [...new Set(partitions.map((entry) => entry.topic))];
  for (const [index, topic] of topics.entries()) {
    context.signal.throwIfAborted();
    status.update(`Moving ${group} on ${topic} (${index + 1}/${topics.length})…`);
    const offsets = partitions
      .filter((entry) => entry.topic === topic)
      .map(({ partition, target }) => ({ partition, offset: String(target) }));
    try {
      await admin.setOffsets(group, topic, offsets);
    } catch (error) {
      // A member that joined since the check: Kafka (via kafkajs) refuses the same way.
      if (error instanceof Error && /no running instances/.test(error.message)) {
        throw new CliError(
          `refused to replay: group ${group} gained an active member meanwhile; stop it and run this again`,
          EXIT.refused,
        );
      }
      throw error;
    }
  }
}

/** Reads the offsets back: the broker's word, not ours, says the move happened. */
async function confirm(admin: KafkaAdmin, group: string, partitions: PlannedPartition[]) {
  const after = await admin.fetchGroupOffsets(group);
  const wrong = partitions.filter(({ topic, partition, target }) => {
    const offset = after
      .find((entry) => entry.topic === topic)
      ?.partitions.find((entry) => entry.partition === partition)?.offset;
    return Number(offset) !== target;
  });
  if (wrong.length > 0) {
    const list = wrong
      .map(({ topic, partition, target }) => `${topic}:${partition} (wanted ${target})`)
      .join(", ");
    throw new CliError(`the broker did not take every new offset of ${group}: ${list}`);
  }
}
