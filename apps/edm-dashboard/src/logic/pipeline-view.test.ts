import { describe, expect, it } from "vitest";
import { formatRate, groupCondition } from "./pipeline-view";

const group = { group: "edm-stats", state: "Stable", members: 1, lag: 0, partitions: [] };

describe("groupCondition", () => {
  it("tells caught up from behind", () => {
    expect(groupCondition(group)).toBe("caught-up");
    expect(groupCondition({ ...group, lag: 3 })).toBe("behind");
  });

  it("says stopped when the group has no member, whatever its lag", () => {
    expect(groupCondition({ ...group, state: "Empty", members: 0, lag: 40 })).toBe("stopped");
  });

  it("says rebalancing while the group is not stable", () => {
    expect(groupCondition({ ...group, state: "PreparingRebalance" })).toBe("rebalancing");
  });
});

describe("formatRate", () => {
  it("rounds to a tenth below 10, to a whole number above, and shows a dash without a rate", () => {
    expect(formatRate(3.125)).toBe("3.1 / s");
    expect(formatRate(123.6)).toBe("124 / s");
    expect(formatRate(0)).toBe("0 / s");
    expect(formatRate(null)).toBe("—");
  });
});
