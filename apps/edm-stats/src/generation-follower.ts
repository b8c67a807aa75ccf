import type { Logger } from "@edm/runtime";
import type { Generation } from "./generation";

export interface FollowOptions {
  /** The generation served now. */
  current: Generation;
  /** Reads the active generation (the pointer row). */
  readActive: () => Promise<Generation>;
  /** Moves the API and the counting to `next`; resolves once done. */
  switchTo: (next: Generation) => Promise<void>;
  /** A switch failed: this instance now serves neither generation properly. */
  onSwitchFailed: (error: Error) => void;
  pollMs: number;
  log: Logger;
}

export interface GenerationFollower {
  current(): Generation;
  /** Stops polling; waits for a switch in progress. */
  stop(): Promise<void>;
}

/**
 * Polls the active-generation pointer every `pollMs` and switches when it names another generation. Polls
 * never overlap, and a failed read is retried at the next poll (the database may be away for a while).
 */
export function followActiveGeneration(options: FollowOptions): GenerationFollower {
  const { readActive, switchTo, log, pollMs } = options;
  let current = options.current;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  const poll = async () => {
    let active: Generation;
    try {
      active = await readActive();
    } catch (err) {
      log.warn({ err }, "could not read the active statistics generation; will try again");
      return;
    }
    if (stopped || active.generation === current.generation) return;
    log.info(
      { event: "stats.generation.switching", from: current, to: active },
      `statistics generation ${active.generation} is now active; moving the API and the counting to it from generation ${current.generation}`,
    );
    try {
      await switchTo(active);
      current = active;
      log.info(
        { event: "stats.generation.switched", generation: active },
        `serving and counting statistics generation ${active.generation} (schema ${active.schema}, group ${active.groupId})`,
      );
    } catch (error) {
      options.onSwitchFailed(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = poll().finally(() => {
        polling = undefined;
        schedule();
      });
    }, pollMs);
    timer.unref();
  };
  schedule();

  return {
    current: () => current,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
