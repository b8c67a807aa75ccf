/** Resolves once `check` returns true; polls, because the real broker and database answer when they do. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 50, what = "the condition" } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} was not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
