import autocannon from "autocannon";

// A bounded load against the relay, with autocannon: a fixed number of requests, each with a body of its
// own, at a fixed overall rate (or as fast as the relay answers). It keeps which event ids the relay
// acknowledged (202) and when, so a case can check that each of them was counted exactly once.

export interface LoadRequest {
  path: string;
  /** Bytes, for a body that is not UTF-8. */
  body: string | Buffer;
}

export interface Ack {
  ids: string[];
  /** When the 202 arrived (ms since the epoch). */
  at: number;
}

export interface LoadOptions {
  baseUrl: string;
  requests: number;
  /** The `i`th request; called once per request sent (and a few more times, ahead of need). */
  request(i: number): LoadRequest;
  /** Requests per second over all connections; unlimited when absent. */
  rate?: number;
  connections?: number;
}

export interface LoadResult {
  acks: Ack[];
  /** How many requests got each status. */
  statuses: Record<number, number>;
  /** The requests answered 5xx (at most 20 kept), to show what broke the relay. */
  serverErrors: { status: number; request: LoadRequest; answer: string }[];
  /** Connection errors and timeouts: requests that got no answer at all. */
  unanswered: number;
  /** Why (at most 20 kept). */
  unansweredReasons: string[];
}

export interface LoadRun {
  done: Promise<LoadResult>;
  /** The acknowledgements so far, oldest first. */
  acks(): readonly Ack[];
  /** Events acknowledged so far. */
  acknowledged(): number;
  /** Requests answered so far with `status`. */
  answered(status: number): number;
  /** Ends the load early (a failed case), without waiting for the answers in flight. */
  stop(): void;
}

const JSON_HEADERS = { "content-type": "application/json" };

interface Context {
  request?: LoadRequest;
}

export function startLoad(options: LoadOptions): LoadRun {
  const acks: Ack[] = [];
  const statuses: Record<number, number> = {};
  const serverErrors: LoadResult["serverErrors"] = [];
  let next = 0;
  let acknowledged = 0;
  const connections = Math.min(options.connections ?? 16, options.requests);
  let finished: (result: autocannon.Result) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const run = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const cannonOptions: autocannon.Options = {
    url: options.baseUrl,
    method: "POST",
    headers: JSON_HEADERS,
    connections,
    amount: options.requests,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 20,
    requests: [
      {
        setupRequest: (request: autocannon.Request, context: Context) => {
          context.request = options.request(next++);
          const { path, body } = context.request;
          // Fresh headers each time: autocannon writes Content-Length into the headers it is given, so
          // reused ones would carry the previous body's length to an empty body (which then hangs).
          return { ...request, path, body, headers: { ...JSON_HEADERS } };
        },
        onResponse: (status: number, body: string, context: Context) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 202) {
            const ids = (JSON.parse(body) as { ids: string[] }).ids;
            acks.push({ ids, at: Date.now() });
            acknowledged += ids.length;
          } else if (status >= 500 && serverErrors.length < 20 && context.request) {
            serverErrors.push({ status, request: context.request, answer: body.slice(0, 500) });
          }
        },
      },
    ],
  };
  const instance = autocannon(cannonOptions, (error, result) => (error ? failed(error) : finished(result)));
  const unansweredReasons: string[] = [];
  instance.on("reqError", (error: Error) => {
    if (unansweredReasons.length < 20) unansweredReasons.push(error.message);
  });
  const done = run.then((result) => ({
    acks,
    statuses,
    serverErrors,
    unanswered: result.errors + result.timeouts,
    unansweredReasons,
  }));
  return {
    done,
    acks: () => acks,
    stop: () => instance.stop(),
    acknowledged: () => acknowledged,
    answered: (status) => statuses[status] ?? 0,
  };
}
