import pg from "pg";

/**
 * What a failed database call means for the records being stored:
 * - `refused`: PostgreSQL refused the data itself (a data exception, a constraint, a limit). Retrying the
 *   same records fails the same way for ever, so the records responsible go to the dead-letter topic.
 * - `unreachable`: no connection, a lost one, or a server shutting down or full. Nothing is wrong with
 *   the records; they wait until the database answers again.
 * - `too-slow`: the statement ran past statement_timeout. The server is up and the records are fine, but
 *   the same work may time out again for ever: it is split into smaller transactions, then retried.
 * - `failed`: anything else (serialization failure, deadlock, an unknown error). Worth retrying too, since
 *   the next attempt usually succeeds, and dead-lettering would lose counts.
 */
export type DatabaseFault =
  | { kind: "refused"; reason: string }
  | { kind: "unreachable"; reason: string }
  | { kind: "too-slow"; reason: string }
  | { kind: "failed"; reason: string };

// SQLSTATE classes (https://www.postgresql.org/docs/current/errcodes-appendix.html) that depend on the
// rows written: 22 data exception (e.g. 22021, a NUL byte in text), 23 integrity constraint violation,
// 54 program limit exceeded (e.g. an index row too large for one huge value).
const REFUSED_CLASSES = new Set(["22", "23", "54"]);

// 08 connection exception; 57P01-57P03 admin shutdown, crash shutdown, cannot connect now (a restart or a
// failover); 53300 too many connections. 57014 (statement timeout) is not here: the server is up.
const UNREACHABLE_CLASSES = new Set(["08"]);
const UNREACHABLE_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
// 57014 query_canceled: statement_timeout (db.ts sets one on every connection) or a cancel request.
const TOO_SLOW_CODE = "57014";

// Errors raised by Node's sockets or by pg itself, before or instead of any SQLSTATE.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const PG_CONNECTION_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|not queryable|connection ended/i;

export function classifyDatabaseError(error: unknown): DatabaseFault {
  if (error instanceof pg.DatabaseError && error.code) {
    const code = error.code;
    const reason = `SQLSTATE ${code}: ${error.message}`;
    if (REFUSED_CLASSES.has(code.slice(0, 2))) return { kind: "refused", reason };
    if (UNREACHABLE_CLASSES.has(code.slice(0, 2)) || UNREACHABLE_CODES.has(code)) {
      return { kind: "unreachable", reason };
    }
    if (code === TOO_SLOW_CODE) return { kind: "too-slow", reason };
    return { kind: "failed", reason };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if ((typeof code === "string" && SOCKET_CODES.has(code)) || PG_CONNECTION_MESSAGES.test(message)) {
    return { kind: "unreachable", reason: message };
  }
  return { kind: "failed", reason: message };
}
