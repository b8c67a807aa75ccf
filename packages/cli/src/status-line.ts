import { createLogUpdate } from "log-update";

/** One line that rewrites itself while work goes on (on stderr, so stdout stays clean for --json). */
export interface StatusLine {
  update(text: string): void;
  /** Removes the line; what comes next is printed where it was. */
  clear(): void;
}

export interface TerminalStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/**
 * On a terminal a live line; elsewhere (a pipe, CI's log) nothing, so logs hold no redraw noise. A
 * terminal that reports no size (some pseudo-terminals) gets nothing too: log-update would cut every line.
 */
export function createStatusLine(stream: TerminalStream): StatusLine {
  if (!stream.isTTY || !stream.columns || !stream.rows) return { update: () => {}, clear: () => {} };
  const render = createLogUpdate(stream, { showCursor: true });
  return { update: (text) => render(text), clear: () => render.clear() };
}
