/**
 * Whether a request may proceed given its Origin header. No header means no browser made the request
 * cross-origin (curl, a server, a same-origin page load), which CORS does not govern. "null" (sandboxed
 * frames, file:// pages) is refused like any origin that is not listed.
 */
export function isAllowedOrigin(allowed: readonly string[], origin: string | undefined): boolean {
  if (origin === undefined) return true;
  return allowed.includes(origin);
}
