// The few Heroku Platform API calls the deploy scripts make, authenticated by HEROKU_API_KEY like the
// terraform provider and the CLI. HEROKU_API_URL points them elsewhere (the tests' stub of the API).

export interface HerokuBuild {
  id: string;
  status: "pending" | "succeeded" | "failed";
  /** Set once the build succeeded and its release was created. */
  release: { id: string } | null;
}

export interface HerokuRelease {
  id: string;
  version: number;
  /** "pending" while the release phase (edm-stats's migrations) runs. */
  status: "pending" | "succeeded" | "failed";
  /** The release phase's output, streamed as text; null for a release without a release phase. */
  output_stream_url: string | null;
}

export interface HerokuApi {
  build(app: string, buildId: string): Promise<HerokuBuild>;
  release(app: string, releaseId: string): Promise<HerokuRelease>;
  /** The text behind an output_stream_url, once the stream ends. */
  text(url: string): Promise<string>;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function herokuApi(env: Record<string, string | undefined> = process.env): HerokuApi {
  const base = (env.HEROKU_API_URL ?? "https://api.heroku.com").replace(/\/$/, "");
  const key = env.HEROKU_API_KEY;
  if (!key) throw new Error("HEROKU_API_KEY is not set: the deploy scripts call the Heroku API with it");
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      headers: { accept: "application/vnd.heroku+json; version=3", authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(
        `Heroku API GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    }
    return (await response.json()) as T;
  };
  return {
    build: (app, buildId) => get(`/apps/${encodeURIComponent(app)}/builds/${encodeURIComponent(buildId)}`),
    release: (app, releaseId) =>
      get(`/apps/${encodeURIComponent(app)}/releases/${encodeURIComponent(releaseId)}`),
    text: async (url) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      return response.ok ? await response.text() : `(the release output answered ${response.status})`;
    },
  };
}
