import { ipKeyGenerator } from "express-rate-limit";
import { describe, expect, it } from "vitest";
import { clientAddressKey } from "./rate-limit";

describe("clientAddressKey", () => {
  it("keys an IPv4 client by its address, also when the server sees it mapped into IPv6", () => {
    expect(clientAddressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddressKey("::FFFF:203.0.113.9")).toBe("203.0.113.9");
  });

  it("gives the same keys as express-rate-limit's ipKeyGenerator", () => {
    for (const ip of [
      "127.0.0.1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::1",
      "2001:db8:1234:5678::1",
      "2001:db8:1234:56ff:ffff::9",
    ]) {
      expect(clientAddressKey(ip)).toBe(ipKeyGenerator(ip));
    }
  });

  it("keys an IPv6 client by its /56 subnet", () => {
    expect(clientAddressKey("2001:db8:1234:5601::1")).toBe(clientAddressKey("2001:db8:1234:56ff::2"));
    expect(clientAddressKey("2001:db8:1234:5601::1")).not.toBe(clientAddressKey("2001:db8:1234:5701::1"));
  });

  it("does not take a mapped prefix before something that is not an IPv4 address", () => {
    expect(clientAddressKey("::ffff:1:2")).toBe(ipKeyGenerator("::ffff:1:2"));
  });
});
