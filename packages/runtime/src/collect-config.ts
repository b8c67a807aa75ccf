import { ConfigError, type ConfigProblem } from "./config-error";

type Loaders = Record<string, () => unknown>;
type Loaded<T extends Loaders> = { [K in keyof T]: ReturnType<T[K]> };

/**
 * Runs several configuration loaders (the app's env schema, the Kafka settings, …) and, when any
 * fail, throws one ConfigError listing every problem of all of them: a person fixing a deployment
 * sees the whole list at once, not one variable per restart.
 *
 * A loader's error counts when it is a ConfigError, or carries `problems: string[]` whose sentences
 * name their variable (as KafkaConfigError's do); anything else is a bug and is rethrown.
 */
export function collectConfig<T extends Loaders>(loaders: T): Loaded<T> {
  const loaded: Partial<Loaded<T>> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, load] of Object.entries(loaders) as [keyof T, T[keyof T]][]) {
    try {
      loaded[name] = load() as ReturnType<T[keyof T]>;
    } catch (error) {
      problems.push(...problemsOf(error));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded as Loaded<T>;
}

function problemsOf(error: unknown): ConfigProblem[] {
  if (error instanceof ConfigError) return [...error.problems];
  const sentences = (error as { problems?: unknown })?.problems;
  if (Array.isArray(sentences) && sentences.every((sentence) => typeof sentence === "string")) {
    return sentences.map(asProblem);
  }
  throw error;
}

/** "KAFKA_URL is empty" -> { variable: "KAFKA_URL", problem: "is empty" }. */
function asProblem(sentence: string): ConfigProblem {
  const variable = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/.exec(sentence)?.[0];
  if (!variable) return { variable: "environment", problem: sentence };
  const rest = sentence.startsWith(`${variable} `) ? sentence.slice(variable.length + 1) : sentence;
  return { variable, problem: rest };
}
