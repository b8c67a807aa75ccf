// Plan limits refused by terraform itself at plan time, with a message naming the limit, rather than by the
// Kafka step after its 900 s timeout. Run through `terraform console` (see terraform-console.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { loadTerraform, type TerraformConfig } from "./terraform-config";
import { checkVariables } from "./terraform-console";

const PREFIX = { app_name_prefix: "acme-edm" };
// basic-2's 960 is never reached: topic_partitions is at most 256 on any plan.
const BASIC_BUDGETS = { "heroku-kafka:basic-0": 240, "heroku-kafka:basic-1": 480 };
let tf: TerraformConfig;

beforeAll(async () => {
  tf = await loadTerraform();
});

describe("terraform's own checks of the variables", () => {
  it("accept the defaults and print the values given", async () => {
    const check = await checkVariables(PREFIX, "var.topic_retention");
    expect(check.errors).toEqual([]);
    expect(check.value).toBe('"1d"');
  });

  it.each(["1h", "23h", "86399999ms", "1439m"])(
    "refuse topic_retention %s on a basic plan, naming the 24-hour minimum",
    async (retention) => {
      const check = await checkVariables({ ...PREFIX, topic_retention: retention });
      expect(check.errors).toHaveLength(1);
      expect(check.errors[0]).toContain("topic_retention must be at least 24 hours");
      expect(check.errors[0]).toContain("heroku-kafka:basic-*");
    },
  );

  it.each(["24h", "1d", "86400000ms", "1440m", "7d"])(
    "accept topic_retention %s on a basic plan",
    async (retention) => {
      expect((await checkVariables({ ...PREFIX, topic_retention: retention })).errors).toEqual([]);
    },
  );

  it("accept a shorter retention on a dedicated plan, which has no such minimum", async () => {
    const check = await checkVariables({
      ...PREFIX,
      kafka_plan: "heroku-kafka:standard-0",
      topic_retention: "1h",
    });
    expect(check.errors).toEqual([]);
  });

  it("report a malformed retention once, by its format", async () => {
    const check = await checkVariables({ ...PREFIX, topic_retention: "a day" });
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toContain("topic_retention must be a number and a unit");
  });

  it.each(Object.entries(BASIC_BUDGETS))(
    "fit topic_partitions for every topic within %s's budget of %i partitions",
    async (plan, budget) => {
      // The rule multiplies by the number of topics; it must be the number terraform creates.
      const most = budget / (tf.locals.kafka_topics as string[]).length;
      const fits = await checkVariables({ ...PREFIX, kafka_plan: plan, topic_partitions: String(most) });
      expect(fits.errors).toEqual([]);
      const over = await checkVariables({ ...PREFIX, kafka_plan: plan, topic_partitions: String(most + 1) });
      expect(over.errors).toHaveLength(1);
      expect(over.errors[0]).toContain("must fit the Kafka plan's partition limit");
      expect(over.errors[0]).toContain(plan);
      expect(over.errors[0]).toContain(`${budget}`);
    },
  );

  it("leave dedicated plans to their own, larger limits", async () => {
    const check = await checkVariables({
      ...PREFIX,
      kafka_plan: "heroku-kafka:standard-0",
      topic_partitions: "256",
    });
    expect(check.errors).toEqual([]);
  });
});
