import autocannon from "autocannon";

export interface HttpLoad {
  url: string;
  /** The body of the i-th request (JSON text). */
  body: (i: number) => string;
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections; as fast as answers come when not set. */
  overallRate?: number;
}

export interface HttpFigures {
  /** Requests answered 2xx in all. */
  answered: number;
  /** Requests answered 2xx per second. */
  answeredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, and connection errors: a healthy run has none. */
  failures: number;
}

/** POSTs with autocannon, each request with its own body, `connections` at a time. */
export async function postLoad(load: HttpLoad): Promise<HttpFigures> {
  const { url, body, connections, durationSeconds, overallRate } = load;
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: body(next++) }),
      },
    ],
  });
  return {
    answered: result["2xx"],
    answeredPerSecond: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}
