import autocannon from "autocannon";

export interface HttpLoad {
  url: string;
  /** The body of the i-th request (JSON text). */
  body: (i: number) => string;
  connections: number;
  durationSeconds: number;
}

export interface HttpFigures {
  /** Requests answered 2xx per second. */
  answeredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, and connection errors: a healthy run has none. */
  failures: number;
}

/** POSTs with autocannon, each request with its own body, `connections` at a time. */
export async function postLoad({ url, body, connections, durationSeconds }: HttpLoad): Promise<HttpFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: body(next++) }),
      },
    ],
  });
  return {
    answeredPerSecond: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}
