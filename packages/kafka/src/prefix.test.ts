import { describe, expect, it } from "vitest";
import { createPrefixer } from "./prefix";

describe("createPrefixer", () => {
  const prefixer = createPrefixer("milk-3411.");

  it("prepends the prefix to topics and consumer groups", () => {
    expect(prefixer.topic("edm-ui-click")).toBe("milk-3411.edm-ui-click");
    expect(prefixer.groupId("edm-stats")).toBe("milk-3411.edm-stats");
  });

  it("strips the prefix from broker topic names, leaving others alone", () => {
    expect(prefixer.logicalTopic("milk-3411.edm-ui-click")).toBe("edm-ui-click");
    expect(prefixer.logicalTopic("edm-ui-click")).toBe("edm-ui-click");
  });

  it("changes nothing with an empty prefix", () => {
    const none = createPrefixer("");
    expect(none.topic("edm-ui-click")).toBe("edm-ui-click");
    expect(none.groupId("edm-stats")).toBe("edm-stats");
    expect(none.logicalTopic("edm-ui-click")).toBe("edm-ui-click");
  });

  it("refuses names Kafka would refuse, before they reach the broker", () => {
    expect(() => prefixer.topic("")).toThrow('Kafka topic name "" must be non-empty');
    expect(() => prefixer.topic("edm ui/click")).toThrow("letters, digits");
    expect(() => prefixer.groupId("a group")).toThrow('Kafka consumer group name "a group"');
    expect(() => prefixer.topic("x".repeat(240))).toThrow("longer than 249 characters");
  });

  it("refuses an illegal prefix", () => {
    expect(() => createPrefixer("milk 3411")).toThrow('Kafka prefix "milk 3411"');
  });
});
