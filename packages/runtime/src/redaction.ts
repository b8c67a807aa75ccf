// Keys whose values must never reach the logs, wherever they sit in a log object (top level or one
// level down, e.g. `config.password`). Kafka's mTLS material travels as PEM text in KAFKA_CLIENT_CERT_KEY,
// and a DATABASE_URL carries the database password.
const secretKeys = [
  "password",
  "passwd",
  "secret",
  "token",
  "apiKey",
  "key",
  "cert",
  "KAFKA_CLIENT_CERT_KEY",
  "KAFKA_CLIENT_CERT",
  "KAFKA_TRUSTED_CERT",
  "DATABASE_URL",
  "connectionString",
];

const headerPaths = [
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
];

export const redactedPaths: readonly string[] = [
  ...secretKeys.flatMap((key) => [key, `*.${key}`]),
  ...headerPaths,
];

export const censor = "[Redacted]";

// Matches the userinfo of a URL (`scheme://user:password@host`) so a connection string that ends up in
// an error message loses its password but keeps what is useful when debugging: scheme, user and host.
const credentialsInUrl = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi;

export function scrubUrlCredentials(text: string): string {
  return text.replace(credentialsInUrl, `$1:${censor}@`);
}
