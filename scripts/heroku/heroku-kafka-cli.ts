// KafkaCli through the heroku CLI and its kafka plugin (`heroku plugins:install heroku-kafka`), which
// authenticates with HEROKU_API_KEY like the terraform provider. On multi-tenant plans the CLI takes names
// without KAFKA_PREFIX and Heroku adds it, exactly as @edm/kafka adds it in the apps.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseConsumerGroupList } from "./consumer-group-list";
import type { KafkaCli } from "./kafka-setup";

const exec = promisify(execFile);

export type RunHeroku = (args: string[]) => Promise<string>;

export const runHeroku: RunHeroku = async (args) => {
  try {
    const { stdout } = await exec("heroku", args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    return stdout;
  } catch (error) {
    const failed = error as { stderr?: string; message: string; code?: string };
    if (failed.code === "ENOENT") {
      throw new Error(
        "the heroku CLI is not installed: see https://devcenter.heroku.com/articles/heroku-cli",
      );
    }
    throw new Error(`heroku ${args.join(" ")} failed: ${(failed.stderr ?? failed.message).trim()}`);
  }
};

/** The kafka commands on `app`, the app that owns the Kafka add-on (edm-relay's Heroku app). */
export function herokuKafkaCli(app: string, run: RunHeroku = runHeroku): KafkaCli {
  const on = ["--app", app];
  return {
    waitForCluster: async () => {
      await run(["kafka:wait", ...on]);
    },
    prefix: async () => (await run(["config:get", "KAFKA_PREFIX", ...on])).trim(),
    // kafka:topics:info fails for a topic that does not exist or has no partitions yet.
    topicExists: (topic) =>
      run(["kafka:topics:info", topic, ...on]).then(
        () => true,
        () => false,
      ),
    createTopic: async (topic, { partitions, retention }) => {
      await run([
        "kafka:topics:create",
        topic,
        ...on,
        "--partitions",
        String(partitions),
        "--retention-time",
        retention,
      ]);
    },
    consumerGroups: async () => parseConsumerGroupList(await run(["kafka:consumer-groups", ...on])),
    createConsumerGroup: async (group) => {
      await run(["kafka:consumer-groups:create", group, ...on]);
    },
  };
}
