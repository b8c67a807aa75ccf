import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConsumerGroupList, UnknownCliOutputError } from "../../scripts/heroku/consumer-group-list";
import { readKafkaSetupEnv } from "../../scripts/heroku/ensure-kafka";
import { herokuKafkaCli } from "../../scripts/heroku/heroku-kafka-cli";
import { ensureKafkaResources, type KafkaCli, type KafkaWants } from "../../scripts/heroku/kafka-setup";

const wants: KafkaWants = {
  topics: ["edm-ui-click", "edm-ui-pageload", "edm-dead-letter"],
  partitions: 8,
  retention: "1d",
  consumerGroups: ["edm-stream.web.1", "edm-stats"],
};

/**
 * A cluster as the heroku CLI shows it: what is created appears only `delay` polls later (Heroku creates
 * topics asynchronously), and groups are listed with the cluster's prefix.
 */
function fakeCluster(
  options: { existing?: string[]; delays?: Record<string, number>; prefix?: string } = {},
) {
  const prefix = options.prefix ?? "sturdy-12345.";
  const appearsAfter = new Map<string, number>((options.existing ?? []).map((name) => [name, 0]));
  const calls: string[] = [];
  let polls = 0;
  const visible = (name: string) => (appearsAfter.get(name) ?? Number.POSITIVE_INFINITY) <= polls;
  const create = (name: string) => {
    calls.push(`create ${name}`);
    if (appearsAfter.has(name)) throw new Error(`${name} already exists`);
    appearsAfter.set(name, polls + (options.delays?.[name] ?? 0));
  };
  const cli: KafkaCli = {
    waitForCluster: async () => {
      calls.push("wait");
    },
    prefix: async () => prefix,
    topicExists: async (topic) => visible(topic),
    createTopic: async (topic, settings) => {
      calls.push(`settings ${settings.partitions} ${settings.retention}`);
      create(topic);
    },
    consumerGroups: async () =>
      [...appearsAfter.keys()].filter((name) => visible(name)).map((name) => prefix + name),
    createConsumerGroup: async (group) => create(group),
  };
  let clock = 0;
  const lines: string[] = [];
  const waiting = {
    timeoutMs: 60_000,
    pollMs: 10_000,
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
      polls += 1;
    },
    say: (line: string) => lines.push(line),
  };
  return { cli, calls, waiting, lines, polls: () => polls };
}

describe("ensureKafkaResources", () => {
  it("creates every missing topic and group, once, with the settings asked", async () => {
    const cluster = fakeCluster({ existing: ["edm-ui-click"] });
    await ensureKafkaResources(cluster.cli, wants, cluster.waiting);
    expect(cluster.calls.filter((call) => call.startsWith("create"))).toEqual([
      "create edm-ui-pageload",
      "create edm-dead-letter",
      "create edm-stream.web.1",
      "create edm-stats",
    ]);
    expect(cluster.calls[0]).toBe("wait");
    expect(cluster.calls).toContain("settings 8 1d");
  });

  it("waits until ALL exist, not just the first one seen", async () => {
    const cluster = fakeCluster({
      delays: { "edm-ui-click": 0, "edm-ui-pageload": 2, "edm-dead-letter": 4, "edm-stats": 3 },
    });
    await ensureKafkaResources(cluster.cli, wants, cluster.waiting);
    expect(cluster.polls()).toBe(4);
    expect(cluster.lines.at(-1)).toBe("all 3 topics and 2 consumer groups exist");
  });

  it("does nothing but check when everything exists: running it again is harmless", async () => {
    const cluster = fakeCluster({ existing: [...wants.topics, ...wants.consumerGroups] });
    await ensureKafkaResources(cluster.cli, wants, cluster.waiting);
    expect(cluster.calls).toEqual(["wait"]);
  });

  it("gives up after the timeout, naming what is still missing", async () => {
    const cluster = fakeCluster({ delays: { "edm-dead-letter": 100, "edm-stats": 100 } });
    await expect(ensureKafkaResources(cluster.cli, wants, cluster.waiting)).rejects.toThrow(
      "gave up after 60 s; still missing: topics edm-dead-letter; consumer groups edm-stats",
    );
  });

  it("carries on when a create fails because the topic appeared meanwhile", async () => {
    const cluster = fakeCluster();
    const flaky: KafkaCli = {
      ...cluster.cli,
      createTopic: async (topic, settings) => {
        await cluster.cli.createTopic(topic, settings);
        throw new Error("timed out, though created");
      },
    };
    await ensureKafkaResources(flaky, wants, cluster.waiting);
    expect(cluster.lines).toContain("creating topic edm-ui-click failed: timed out, though created");
  });

  it("needs no groups on dedicated plans", async () => {
    const cluster = fakeCluster({ prefix: "" });
    await ensureKafkaResources(cluster.cli, { ...wants, consumerGroups: [] }, cluster.waiting);
    expect(cluster.calls.some((call) => call.includes("edm-stats"))).toBe(false);
  });
});

describe("parseConsumerGroupList, on recorded outputs of each table style", () => {
  const fixture = (name: string) =>
    readFileSync(join(import.meta.dirname, "fixtures/kafka-consumer-groups", name), "utf8");
  const groups = ["sturdy-12345.edm-stats", "sturdy-12345.edm-stream.web.1"];

  it.each(["cli-util-table.txt", "oclif-underline.txt", "oclif-bordered.txt"])(
    "reads the names from %s",
    (name) => {
      expect(parseConsumerGroupList(fixture(name))).toEqual(groups);
    },
  );

  it("reads them through the colours a terminal would get", () => {
    const coloured = fixture("oclif-underline.txt")
      .replace("===", "\u001b[2m===\u001b[22m")
      .replace("Name", "\u001b[1m\u001b[35mName\u001b[39m\u001b[22m");
    expect(parseConsumerGroupList(coloured)).toEqual(groups);
  });

  it("reads no names from the sentences for an empty list", () => {
    expect(parseConsumerGroupList(fixture("none.txt"))).toEqual([]);
  });

  it.each([
    ["JSON", '[{"name":"sturdy-12345.edm-stats"}]'],
    ["another column", fixture("oclif-underline.txt").replace("Name", "Group")],
    ["a second column", fixture("cli-util-table.txt").replace("edm-stats", "edm-stats  Stable")],
    [
      "an error page",
      "=== Kafka Consumer Groups on HEROKU_KAFKA\n\nSomething went wrong, try again later.\n",
    ],
  ])("refuses a format it does not know (%s), quoting the output", (_kind, output) => {
    expect(() => parseConsumerGroupList(output)).toThrow(UnknownCliOutputError);
    expect(() => parseConsumerGroupList(output)).toThrow(/consumer-group-list\.ts/);
  });

  it("fails the Kafka step at once on such a format, rather than waiting out the timeout", async () => {
    const cluster = fakeCluster({ existing: [...wants.topics] });
    const cli = herokuKafkaCli("acme-edm-relay", async (args) =>
      args[0] === "kafka:consumer-groups" ? "Name  State\nedm-stats  Stable\n" : "",
    );
    await expect(
      ensureKafkaResources({ ...cluster.cli, consumerGroups: cli.consumerGroups }, wants, cluster.waiting),
    ).rejects.toThrow(UnknownCliOutputError);
    expect(cluster.polls()).toBe(0);
  });
});

describe("herokuKafkaCli", () => {
  it("runs the kafka plugin's commands on the app that owns the add-on", async () => {
    const runs: string[] = [];
    const cli = herokuKafkaCli("acme-edm-relay", async (args) => {
      runs.push(args.join(" "));
      if (args[0] === "kafka:topics:info") throw new Error("topic edm-ui-click not found");
      return args[0] === "config:get" ? "sturdy-12345.\n" : "";
    });
    await cli.waitForCluster();
    expect(await cli.prefix()).toBe("sturdy-12345.");
    expect(await cli.topicExists("edm-ui-click")).toBe(false);
    await cli.createTopic("edm-ui-click", { partitions: 8, retention: "1d" });
    await cli.createConsumerGroup("edm-stats");
    expect(runs).toEqual([
      "kafka:wait --app acme-edm-relay",
      "config:get KAFKA_PREFIX --app acme-edm-relay",
      "kafka:topics:info edm-ui-click --app acme-edm-relay",
      "kafka:topics:create edm-ui-click --app acme-edm-relay --partitions 8 --retention-time 1d",
      "kafka:consumer-groups:create edm-stats --app acme-edm-relay",
    ]);
  });
});

describe("readKafkaSetupEnv", () => {
  const env = {
    EDM_KAFKA_APP: "acme-edm-relay",
    EDM_KAFKA_TOPICS: "edm-ui-click, edm-ui-pageload,edm-dead-letter",
    EDM_KAFKA_PARTITIONS: "8",
    EDM_KAFKA_RETENTION: "1d",
    EDM_KAFKA_CONSUMER_GROUPS: "",
  };

  it("reads terraform's settings, with no groups on dedicated plans and a default timeout", () => {
    expect(readKafkaSetupEnv(env)).toEqual({
      app: "acme-edm-relay",
      wants: { topics: wants.topics, partitions: 8, retention: "1d", consumerGroups: [] },
      timeoutMs: 900_000,
    });
  });

  it("names every variable that is missing or wrong", () => {
    expect(() => readKafkaSetupEnv({ EDM_KAFKA_PARTITIONS: "eight", EDM_KAFKA_RETENTION: "1 week" })).toThrow(
      /EDM_KAFKA_APP .*EDM_KAFKA_RETENTION .*EDM_KAFKA_TOPICS .*EDM_KAFKA_PARTITIONS/,
    );
  });
});
