// Run by terraform/kafka.tf (terraform_data + local-exec) with its settings in the environment:
//
//   EDM_KAFKA_APP              the Heroku app that owns the Kafka add-on (edm-relay's)
//   EDM_KAFKA_TOPICS           comma-separated topic names
//   EDM_KAFKA_PARTITIONS       partitions of a new topic
//   EDM_KAFKA_RETENTION        retention of a new topic, e.g. "1d"
//   EDM_KAFKA_CONSUMER_GROUPS  comma-separated group names to create (empty on dedicated plans)
//   EDM_KAFKA_TIMEOUT_SECONDS  how long to wait for all of them (default 900)
//
// Needs the heroku CLI with the kafka plugin, authenticated by HEROKU_API_KEY. Safe to run again: it only
// creates what is missing.
import { setTimeout as sleep } from "node:timers/promises";
import { herokuKafkaCli } from "./heroku-kafka-cli";
import { ensureKafkaResources, type KafkaWants } from "./kafka-setup";

export interface KafkaSetupSettings {
  app: string;
  wants: KafkaWants;
  timeoutMs: number;
}

const NAME = /^[A-Za-z0-9._-]+$/;

/** The settings from the environment; throws one error naming every variable that is missing or wrong. */
export function readKafkaSetupEnv(env: Record<string, string | undefined>): KafkaSetupSettings {
  const problems: string[] = [];
  const list = (variable: string, required: boolean) => {
    const names = (env[variable] ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    if (required && names.length === 0) problems.push(`${variable} must list at least one name`);
    const bad = names.filter((name) => !NAME.test(name));
    if (bad.length > 0)
      problems.push(`${variable} has names with characters other than letters, digits, ".", "_", "-"`);
    return names;
  };
  const wholeNumber = (variable: string, fallback?: number) => {
    const raw = env[variable]?.trim();
    if (!raw && fallback !== undefined) return fallback;
    if (!raw || !/^\d+$/.test(raw) || Number(raw) < 1)
      problems.push(`${variable} must be a whole number above 0`);
    return Number(raw);
  };
  const app = env.EDM_KAFKA_APP?.trim() ?? "";
  if (!/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/.test(app)) problems.push("EDM_KAFKA_APP must be a Heroku app name");
  const retention = env.EDM_KAFKA_RETENTION?.trim() ?? "";
  if (!/^\d+ ?(ms|s|m|h|d)$/.test(retention))
    problems.push('EDM_KAFKA_RETENTION must look like "1d" or "36h"');
  const settings = {
    app,
    wants: {
      topics: list("EDM_KAFKA_TOPICS", true),
      partitions: wholeNumber("EDM_KAFKA_PARTITIONS"),
      retention,
      consumerGroups: list("EDM_KAFKA_CONSUMER_GROUPS", false),
    },
    timeoutMs: wholeNumber("EDM_KAFKA_TIMEOUT_SECONDS", 900) * 1000,
  };
  if (problems.length > 0) throw new Error(`ensure-kafka: ${problems.join("; ")}`);
  return settings;
}

async function main(): Promise<void> {
  const settings = readKafkaSetupEnv(process.env);
  await ensureKafkaResources(herokuKafkaCli(settings.app), settings.wants, {
    timeoutMs: settings.timeoutMs,
    pollMs: 10_000,
    now: () => Date.now(),
    sleep: (ms) => sleep(ms),
    say: (line) => console.log(`[kafka on ${settings.app}] ${line}`),
  });
}

if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`ensure-kafka: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
