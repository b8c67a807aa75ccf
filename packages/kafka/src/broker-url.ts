/**
 * KAFKA_URL as Heroku writes it: a comma-separated list of `kafka+ssl://host:port` entries.
 * For local use `kafka://host:port` and bare `host:port` mean plaintext.
 */
export interface BrokerList {
  /** "host:port" entries, the form kafkajs and most clients want. */
  brokers: string[];
  /** True when every entry is kafka+ssl://. */
  tls: boolean;
}

export type BrokerListResult = { ok: true; value: BrokerList } | { ok: false; problems: string[] };

const TLS_SCHEME = "kafka+ssl";
const PLAINTEXT_SCHEME = "kafka";
const ENTRY = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/]*?)\/?$/;
const HOST_PORT = /^([A-Za-z0-9._-]+):([^:]*)$/;

type Entry = { broker: string; tls: boolean } | { problem: string };

/** Never throws: returns every problem at once so one start-up attempt reports them all. */
export function parseBrokerList(raw: string): BrokerListResult {
  if (raw.trim() === "") return { ok: false, problems: ["KAFKA_URL is empty"] };
  const entries = raw.split(",").map((text, index) => parseEntry(text.trim(), index + 1));

  const problems = entries.flatMap((entry) => ("problem" in entry ? [entry.problem] : []));
  if (problems.length > 0) return { ok: false, problems };

  const parsed = entries as { broker: string; tls: boolean }[];
  const tlsPositions = positions(parsed, (entry) => entry.tls);
  const plainPositions = positions(parsed, (entry) => !entry.tls);
  if (tlsPositions.length > 0 && plainPositions.length > 0) {
    return {
      ok: false,
      problems: [
        `KAFKA_URL mixes TLS and plaintext brokers (kafka+ssl:// at entry ${tlsPositions.join(", ")}; ` +
          `plaintext at entry ${plainPositions.join(", ")}); every broker must use the same kind`,
      ],
    };
  }
  return { ok: true, value: { brokers: parsed.map((entry) => entry.broker), tls: tlsPositions.length > 0 } };
}

function parseEntry(text: string, position: number): Entry {
  const where = `KAFKA_URL entry ${position}`;
  if (text === "") return { problem: `${where} is empty (look for a stray comma)` };

  const match = ENTRY.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const hostPort = match?.[2] ?? "";
  if (scheme !== undefined && scheme !== TLS_SCHEME && scheme !== PLAINTEXT_SCHEME) {
    return {
      problem: `${where} ("${text}") uses the scheme "${scheme}://"; expected kafka+ssl://, kafka:// or a bare host:port`,
    };
  }

  const address = HOST_PORT.exec(hostPort);
  if (!match || !address) return { problem: `${where} ("${text}") is not of the form [scheme://]host:port` };

  const [, host, portText = ""] = address;
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    return {
      problem: `${where} ("${text}") has port "${portText}"; expected a whole number from 1 to 65535`,
    };
  }
  return { broker: `${host}:${port}`, tls: scheme === TLS_SCHEME };
}

function positions<T>(items: T[], test: (item: T) => boolean): number[] {
  return items.flatMap((item, index) => (test(item) ? [index + 1] : []));
}
