import { describe, expect, it } from "vitest";
import { parseBrokerList } from "./broker-url";

const problemsOf = (raw: string) => {
  const result = parseBrokerList(raw);
  if (result.ok) throw new Error(`expected problems for ${raw}`);
  return result.problems;
};

describe("parseBrokerList", () => {
  it("reads Heroku's comma-separated kafka+ssl:// list as TLS brokers", () => {
    const raw =
      "kafka+ssl://ec2-1-2-3-4.compute-1.amazonaws.com:9096,kafka+ssl://ec2-5-6-7-8.compute-1.amazonaws.com:9096";
    expect(parseBrokerList(raw)).toEqual({
      ok: true,
      value: {
        brokers: ["ec2-1-2-3-4.compute-1.amazonaws.com:9096", "ec2-5-6-7-8.compute-1.amazonaws.com:9096"],
        tls: true,
      },
    });
  });

  it("reads kafka:// and bare host:port as plaintext, and may mix those two", () => {
    expect(parseBrokerList("kafka://127.0.0.1:29092, localhost:29094")).toEqual({
      ok: true,
      value: { brokers: ["127.0.0.1:29092", "localhost:29094"], tls: false },
    });
  });

  it("tolerates whitespace, newlines, a trailing slash and an upper-case scheme", () => {
    expect(parseBrokerList("  KAFKA+SSL://a.example:9096/ ,\n kafka+ssl://b.example:9096\n")).toEqual({
      ok: true,
      value: { brokers: ["a.example:9096", "b.example:9096"], tls: true },
    });
  });

  it("refuses a list that mixes TLS and plaintext, saying which entries are which", () => {
    expect(problemsOf("kafka+ssl://a:9096,kafka://b:9092,c:9092")).toEqual([
      "KAFKA_URL mixes TLS and plaintext brokers (kafka+ssl:// at entry 1; plaintext at entry 2, 3); every broker must use the same kind",
    ]);
  });

  it("refuses an empty value and empty entries", () => {
    expect(problemsOf("  ")).toEqual(["KAFKA_URL is empty"]);
    expect(problemsOf("a:1,,b:2")).toEqual(["KAFKA_URL entry 2 is empty (look for a stray comma)"]);
    expect(problemsOf("a:1,")).toEqual(["KAFKA_URL entry 2 is empty (look for a stray comma)"]);
  });

  it.each([
    ["kafka+ssl://a:0", 'has port "0"'],
    ["kafka+ssl://a:65536", 'has port "65536"'],
    ["a:ninety", 'has port "ninety"'],
    ["a:", 'has port ""'],
    ["a:-1", 'has port "-1"'],
  ])("refuses a bad port in %s", (raw, expected) => {
    expect(problemsOf(raw)[0]).toContain(expected);
  });

  it.each([["kafka+ssl://just-a-host"], ["a:1:2"], ["kafka+ssl://:9096"], ["kafka+ssl://a:9096/path"]])(
    "refuses %s, which is not host:port",
    (raw) => {
      expect(problemsOf(raw)[0]).toContain("is not of the form [scheme://]host:port");
    },
  );

  it("refuses unknown schemes by name", () => {
    expect(problemsOf("ssl://a:9096")[0]).toBe(
      'KAFKA_URL entry 1 ("ssl://a:9096") uses the scheme "ssl://"; expected kafka+ssl://, kafka:// or a bare host:port',
    );
  });

  it("reports every bad entry at once", () => {
    expect(problemsOf("a:0, ,b")).toHaveLength(3);
  });
});
