export interface ConfigProblem {
  /** The environment variable's name, e.g. `DATABASE_URL`. */
  variable: string;
  /** What is wrong, in plain words; never contains the value itself. */
  problem: string;
}

/** Thrown when the environment cannot be turned into a valid configuration. Safe to log: holds no values. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(({ variable, problem }) => `  - ${variable}: ${problem}`);
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`Invalid configuration (${count}):\n${lines.join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}
