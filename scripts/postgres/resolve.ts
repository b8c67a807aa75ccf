// Prints a usable DATABASE_URL on stdout (progress on stderr), e.g.
//   export DATABASE_URL="$(pnpm exec tsx scripts/postgres/resolve.ts --database edm)"
// Flags: --database NAME (default edm), --embedded (skip DATABASE_URL and 127.0.0.1:5432).
import { parseArgs } from "node:util";
import { describeError } from "./connection";
import { resolveDatabaseUrl } from "./postgres";

try {
  const { values } = parseArgs({
    options: { database: { type: "string", default: "edm" }, embedded: { type: "boolean", default: false } },
  });
  const database = values.database;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(database)) {
    throw new Error("--database must be letters, digits, _ or -, starting with a letter or _");
  }
  const url = await resolveDatabaseUrl({ database, embedded: values.embedded });
  process.stdout.write(`${url}\n`);
  // The server, when one was started, is detached and stays up; pg may keep sockets open a moment longer.
  process.exit(0);
} catch (err) {
  process.stderr.write(`[postgres] could not provide a PostgreSQL database: ${describeError(err)}\n`);
  process.exit(1);
}
