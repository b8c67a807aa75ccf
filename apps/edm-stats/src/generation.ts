import pg from "pg";

/**
 * A generation of the statistics: a full set of the stats tables in one PostgreSQL schema, filled by one
 * consumer group. Generation 0 is the deployment's own schema and configured group (what every deployment
 * had before generations existed); a rebuild fills generation n in `<schema>_g<n>` with group
 * `<group>.g<n>`, reading everything Kafka retains, and then becomes the active one.
 */
export interface Generation {
  generation: number;
  /** The schema holding its tables. */
  schema: string;
  /** Logical consumer group that counts into them (KAFKA_PREFIX is added on the broker). */
  groupId: string;
}

/** Where a deployment's generations live: its DATABASE_URL's first schema, and STATS_GROUP_ID. */
export interface Deployment {
  databaseUrl: string;
  /** The first schema of DATABASE_URL's search_path: "public" in production, a test's own in tests. */
  baseSchema: string;
  baseGroupId: string;
}

// Lower case only, so a name needs no quoting in search_path; room left for the "_g<n>" suffix.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,50}$/;

export function generationZero(deployment: Deployment): Generation {
  return { generation: 0, schema: deployment.baseSchema, groupId: deployment.baseGroupId };
}

export function generationNamed(deployment: Deployment, generation: number): Generation {
  if (generation === 0) return generationZero(deployment);
  return {
    generation,
    schema: `${deployment.baseSchema}_g${generation}`,
    groupId: `${deployment.baseGroupId}.g${generation}`,
  };
}

/**
 * The deployment's DATABASE_URL for connections whose unqualified table names are the generation's tables:
 * generation 0's is DATABASE_URL itself, exactly as configured.
 */
export function generationDatabaseUrl(databaseUrl: string, generation: Generation): string {
  if (generation.generation === 0) return databaseUrl;
  return withSearchPath(databaseUrl, generation.schema);
}

/** `databaseUrl` with its connections' search_path set to `schema` alone; other `options` are kept. */
export function withSearchPath(databaseUrl: string, schema: string): string {
  assertSchemaName(schema);
  const url = new URL(databaseUrl);
  const others = (url.searchParams.get("options") ?? "").replace(/(?:-c\s*|--)search_path=\S+/g, "").trim();
  url.searchParams.set("options", [others, `-c search_path=${schema}`].filter(Boolean).join(" "));
  return url.toString();
}

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `schema "${schema}" cannot hold statistics generations: use a lower-case name of letters, digits and "_" (at most 51 characters)`,
    );
  }
}

/** A schema-qualified table name, quoted. */
export function qualified(schema: string, table: string): string {
  return `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
}
