import { describe, expect, it } from "vitest";
import { instanceName, streamGroupId } from "./consumer-group";

const machine = { hostname: "laptop.local", port: 3002, pid: 99 };

describe("instanceName", () => {
  it("uses the explicit name first, then the dyno", () => {
    expect(instanceName({ ...machine, explicit: "blue", dyno: "web.1" })).toBe("blue");
    expect(instanceName({ ...machine, dyno: "web.1" })).toBe("web.1");
  });

  it("uses host and port locally, so two instances on one machine differ", () => {
    expect(instanceName(machine)).toBe("laptop.local-3002");
    expect(instanceName({ ...machine, port: 3012 })).toBe("laptop.local-3012");
  });

  it("uses the pid when the port is picked at random", () => {
    expect(instanceName({ ...machine, port: 0 })).toBe("laptop.local-99");
  });

  it("replaces characters a group name should not hold", () => {
    expect(instanceName({ ...machine, hostname: "my host/ü" })).toBe("my-host---3002");
  });
});

describe("streamGroupId", () => {
  it("joins the base and the instance", () => {
    expect(streamGroupId("edm-stream", "web.3")).toBe("edm-stream.web.3");
  });
});
