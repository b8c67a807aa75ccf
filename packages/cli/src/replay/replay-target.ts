import { InvalidArgumentError } from "commander";

/** Where `replay --to` moves a group. */
export type ReplayTarget =
  | { kind: "earliest" }
  | { kind: "latest" }
  /** The first record at or after this moment, per partition. */
  | { kind: "time"; timestampMs: number; text: string }
  | { kind: "offsets"; offsets: ExplicitOffset[] };

export interface ExplicitOffset {
  topic: string;
  partition: number;
  offset: number;
}

// ISO 8601 with a date, and a time with an explicit zone when a time is given: "2024-05-01",
// "2024-05-01T12:00:00Z", "2024-05-01T14:00+02:00". A zoneless time would mean the machine's zone,
// which differs between a laptop and a dyno, so it is refused.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const EXPLICIT = /^([A-Za-z0-9._-]+):(\d+)=(\d+)$/;

const HINT =
  "use earliest, latest, an ISO 8601 time (2024-05-01T12:00:00Z) or offsets (edm-ui-click:0=120,edm-ui-click:1=98)";

/** Parses `--to`; throws commander's InvalidArgumentError (exit code 2) with what is wrong. */
export function parseReplayTarget(raw: string): ReplayTarget {
  const text = raw.trim();
  if (text === "earliest" || text === "latest") return { kind: text };
  if (/^\d{4}-/.test(text)) {
    const timestampMs = Date.parse(text);
    if (!ISO_8601.test(text) || Number.isNaN(timestampMs)) {
      throw new InvalidArgumentError(
        `"${text}" is not an ISO 8601 date or time with a zone (e.g. 2024-05-01T12:00:00Z).`,
      );
    }
    return { kind: "time", timestampMs, text };
  }
  if (text.includes("=")) return { kind: "offsets", offsets: parseExplicitOffsets(text) };
  throw new InvalidArgumentError(`"${text}" is not a target: ${HINT}.`);
}

function parseExplicitOffsets(text: string): ExplicitOffset[] {
  const offsets: ExplicitOffset[] = [];
  const seen = new Set<string>();
  for (const part of text.split(",").map((entry) => entry.trim())) {
    const match = EXPLICIT.exec(part);
    if (!match)
      throw new InvalidArgumentError(`"${part}" is not topic:partition=offset (e.g. edm-ui-click:0=120).`);
    const [, topic = "", partition = "", offset = ""] = match;
    const key = `${topic}:${partition}`;
    if (seen.has(key)) throw new InvalidArgumentError(`${key} is given twice.`);
    seen.add(key);
    const value = Number(offset);
    if (!Number.isSafeInteger(value)) throw new InvalidArgumentError(`${part}: the offset is too large.`);
    offsets.push({ topic, partition: Number(partition), offset: value });
  }
  return offsets;
}

export function describeTarget(target: ReplayTarget): string {
  switch (target.kind) {
    case "earliest":
      return "the earliest retained record";
    case "latest":
      return "the end (only new records)";
    case "time":
      return `the first record at or after ${new Date(target.timestampMs).toISOString()}`;
    case "offsets":
      return "the given offsets";
  }
}
