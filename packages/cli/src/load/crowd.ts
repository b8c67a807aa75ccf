import { planVisit, type Random, type ShopperAction } from "./shopper-model";

export interface CrowdStep {
  /** The visit's session id (the events' `uuid`). */
  sessionId: string;
  userAgent: string;
  action: ShopperAction;
}

/** Browsers the shoppers claim to be; "edm-load" marks the traffic as simulated in any log. */
const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 edm-load",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 edm-load",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 edm-load",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0 edm-load",
];

interface Visit {
  sessionId: string;
  userAgent: string;
  actions: ShopperAction[];
}

/**
 * `size` shoppers in the shop at once, each on their own visit; each step is one action of a shopper
 * picked at random, so visits interleave as real ones do, and a finished visit makes room for a new
 * shopper. Pure given `random` and `newId`.
 */
export function createCrowd(random: Random, size: number, newId: () => string) {
  const newVisit = (): Visit => ({
    sessionId: newId(),
    userAgent: USER_AGENTS[Math.floor(random() * USER_AGENTS.length)] as string,
    actions: planVisit(random),
  });
  const visits: Visit[] = Array.from({ length: Math.max(1, size) }, newVisit);
  let finished = 0;

  return {
    next(): CrowdStep {
      const index = Math.floor(random() * visits.length);
      const visit = visits[index] as Visit;
      const action = visit.actions.shift() as ShopperAction; // a visit is never empty: it starts at home
      if (visit.actions.length === 0) {
        visits[index] = newVisit();
        finished++;
      }
      return { sessionId: visit.sessionId, userAgent: visit.userAgent, action };
    },
    /** Visits completed so far. */
    finishedVisits: () => finished,
  };
}
