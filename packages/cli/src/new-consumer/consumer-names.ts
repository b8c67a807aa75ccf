import { CliError, EXIT } from "../cli-error";

/** The names one consumer goes by in the files the generator writes and edits. */
export interface ConsumerNames {
  /** Its folder under apps/ and its package name, e.g. "edm-funnel". */
  name: string;
  /** Its terraform key and Heroku app suffix, e.g. "funnel". */
  role: string;
  /** For TypeScript names, e.g. "Funnel" (FunnelConfig, startFunnel). */
  type: string;
  /** The variable naming its consumer group, e.g. "FUNNEL_GROUP_ID". */
  groupVariable: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** "edm-funnel" → role "funnel"; a name without the project's "edm-" keeps it all. */
export function consumerNames(name: string): ConsumerNames {
  if (!NAME.test(name) || name.length > 30) {
    throw new CliError(
      `"${name}" is not a consumer name: use lower-case letters, digits and single dashes, at most 30 characters, e.g. edm-funnel`,
      EXIT.usage,
    );
  }
  const role = name.replace(/^edm-/, "").replaceAll("-", "_");
  if (["ui", "relay", "stream", "stats", "dashboard", "consumer"].includes(role)) {
    throw new CliError(`"${name}" is taken by one of the project's own apps`, EXIT.usage);
  }
  const type = role
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  return { name, role, type, groupVariable: `${role.toUpperCase()}_GROUP_ID` };
}
