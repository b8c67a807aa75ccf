import type { ReadinessChecks } from "@edm/runtime";
import type { PipelineService } from "@edm/schema";

const READY_TIMEOUT_MS = 2_000;

/** Asks another service's GET /readyz; not ready when it says so, fails, or takes longer than 2 s. */
export async function askReadiness(name: string, baseUrl: string | undefined): Promise<PipelineService> {
  if (!baseUrl) return { name, ready: null, detail: "not configured here (set its URL on edm-stats)" };
  try {
    const response = await fetch(new URL("/readyz", baseUrl), {
      signal: AbortSignal.timeout(READY_TIMEOUT_MS),
    });
    if (response.ok) return { name, ready: true };
    const body = (await response.json().catch(() => ({}))) as { failing?: unknown };
    const failing = Array.isArray(body.failing) ? `: ${body.failing.map(String).join(", ")} not ready` : "";
    return { name, ready: false, detail: `answered ${response.status}${failing}` };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? "did not answer within 2 s"
        : "cannot be reached";
    return { name, ready: false, detail: reason };
  }
}

/** This service's own readiness, from the same checks its /readyz uses. */
export async function ownReadiness(
  name: string,
  ready: () => Promise<ReadinessChecks>,
): Promise<PipelineService> {
  try {
    const checks = await ready();
    const failing = Object.keys(checks).filter((check) => checks[check] !== true);
    return failing.length === 0
      ? { name, ready: true }
      : { name, ready: false, detail: `${failing.join(", ")} not ready` };
  } catch {
    return { name, ready: false, detail: "its readiness check failed" };
  }
}
