import type { KafkaAdmin } from "@edm/kafka";
import type { CliCommand } from "../command";
import type { CliContext } from "../context";
import { formatLag } from "./format-lag";
import { type GroupLag, groupLag } from "./group-lag";

interface LagOptions {
  group?: string[];
  json?: boolean;
}

export const lagCommand: CliCommand = {
  name: "lag",
  register(program, context) {
    program
      .command("lag")
      .description(
        "Show each consumer group's lag per topic and partition, from the broker's committed offsets and high watermarks.",
      )
      .option("--group <group...>", "only these groups (logical names; default: every group)")
      .option("--json", "print JSON for machines: {groups:[{group,state,members,totalLag,partitions:[…]}]}")
      .addHelpText(
        "after",
        `
lag = end (high watermark) - committed offset; "-" where the group committed nothing.

Examples:
  pnpm edm lag
  pnpm -s edm lag --group edm-stats --json`,
      )
      .action((options: LagOptions) => lag(context, options));
  },
};

async function lag(context: CliContext, options: LagOptions) {
  const [kafka, config] = [await context.kafka(), await context.config()];
  const admin = kafka.admin();
  const status = context.statusLine();
  try {
    status.update("Listing consumer groups…");
    const groups = options.group ?? (await logicalGroups(admin, config.kafka.prefix));
    const ends = new Map<string, Map<number, number>>();
    const existing = new Set(await admin.listTopics());
    const results: GroupLag[] = [];
    for (const [index, group] of groups.entries()) {
      status.update(`Reading group ${group} (${index + 1}/${groups.length})…`);
      const [description, committed] = [
        await admin.describeGroup(group),
        await admin.fetchGroupOffsets(group),
      ];
      for (const { topic } of committed) {
        if (ends.has(topic) || !existing.has(kafka.topic(topic))) continue;
        const ranges = await admin.topicOffsets(topic);
        ends.set(topic, new Map(ranges.map(({ partition, high }) => [partition, Number(high)])));
      }
      results.push(
        groupLag(
          {
            group,
            state: description.state,
            members: description.members.length,
            committed: committed.map(({ topic, partitions }) => ({
              topic,
              partitions: partitions.map(({ partition, offset }) => ({ partition, offset: Number(offset) })),
            })),
          },
          ends,
        ),
      );
    }
    status.clear();
    context.print(options.json ? JSON.stringify({ groups: results }, null, 2) : formatLag(results));
  } finally {
    status.clear();
    await admin.disconnect();
  }
}

/** The broker's groups that carry this client's KAFKA_PREFIX, named without it. */
async function logicalGroups(admin: KafkaAdmin, prefix: string): Promise<string[]> {
  return (await admin.listGroups())
    .filter((group) => group.startsWith(prefix))
    .map((group) => group.slice(prefix.length))
    .sort();
}
