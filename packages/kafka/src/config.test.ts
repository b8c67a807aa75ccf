import { describe, expect, it } from "vitest";
import { describeKafkaConfig, KafkaConfigError, loadKafkaConfig } from "./config";
import { caA, caB, clientCert, clientKey } from "./testing/pem-fixtures";

const herokuEnv = {
  KAFKA_URL: "kafka+ssl://ec2-1.example.com:9096,kafka+ssl://ec2-2.example.com:9096",
  KAFKA_TRUSTED_CERT: caA,
  KAFKA_CLIENT_CERT: clientCert,
  KAFKA_CLIENT_CERT_KEY: clientKey,
  KAFKA_PREFIX: "milk-3411.",
};

const load = (env: Record<string, string | undefined>) => loadKafkaConfig(env, { clientId: "edm-test" });

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaConfigError);
    return (error as KafkaConfigError).problems;
  }
  throw new Error("expected loadKafkaConfig to throw");
}

/** The whole thrown message, to check no secret text leaks into it. */
function messageOf(env: Record<string, string | undefined>): string {
  try {
    load(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected loadKafkaConfig to throw");
}

const pemBody = (pem: string) => pem.split("\n")[1] ?? "";

describe("loadKafkaConfig", () => {
  it("reads Heroku's variables into brokers, mutual TLS material and the prefix", () => {
    expect(load(herokuEnv)).toEqual({
      brokers: ["ec2-1.example.com:9096", "ec2-2.example.com:9096"],
      tls: { ca: [caA], cert: clientCert.trim(), key: clientKey.trim() },
      prefix: "milk-3411.",
      clientId: "edm-test",
    });
  });

  it("splits a KAFKA_TRUSTED_CERT holding two CA certificates (Heroku's CA rotation)", () => {
    const config = load({ ...herokuEnv, KAFKA_TRUSTED_CERT: `${caA}\n${caB}` });
    expect(config.tls?.ca).toEqual([caA, caB]);
  });

  it("accepts certificates whose line breaks arrived as literal \\n (a .env file)", () => {
    const escaped = (pem: string) => pem.trim().replaceAll("\n", "\\n");
    const config = load({
      ...herokuEnv,
      KAFKA_TRUSTED_CERT: escaped(caA),
      KAFKA_CLIENT_CERT: escaped(clientCert),
      KAFKA_CLIENT_CERT_KEY: escaped(clientKey),
    });
    expect(config.tls?.ca).toEqual([caA]);
  });

  it("uses plaintext and ignores certificates for kafka:// and host:port; prefix defaults to none", () => {
    expect(load({ KAFKA_URL: "kafka://127.0.0.1:29092", KAFKA_CLIENT_CERT: "whatever" })).toEqual({
      brokers: ["127.0.0.1:29092"],
      tls: null,
      prefix: "",
      clientId: "edm-test",
    });
    expect(load({ KAFKA_URL: "localhost:9092", KAFKA_PREFIX: "" }).prefix).toBe("");
  });

  it("names a missing KAFKA_URL", () => {
    expect(problemsOf({})).toEqual([
      "KAFKA_URL is missing: set it to the brokers, e.g. kafka+ssl://host:9096,kafka+ssl://host2:9096",
    ]);
  });

  it("names each missing TLS variable when KAFKA_URL uses kafka+ssl://", () => {
    expect(problemsOf({ KAFKA_URL: herokuEnv.KAFKA_URL, KAFKA_CLIENT_CERT: clientCert })).toEqual([
      "KAFKA_TRUSTED_CERT is missing: required when KAFKA_URL uses kafka+ssl://",
      "KAFKA_CLIENT_CERT_KEY is missing: required when KAFKA_URL uses kafka+ssl://",
    ]);
    expect(problemsOf({ ...herokuEnv, KAFKA_CLIENT_CERT: "  " })).toEqual([
      "KAFKA_CLIENT_CERT is missing: required when KAFKA_URL uses kafka+ssl://",
    ]);
  });

  it("refuses a KAFKA_TRUSTED_CERT with no certificate in it", () => {
    expect(problemsOf({ ...herokuEnv, KAFKA_TRUSTED_CERT: "not a certificate" })).toEqual([
      "KAFKA_TRUSTED_CERT holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)",
    ]);
  });

  it("refuses a key and certificate that were swapped, without printing either", () => {
    const env = { ...herokuEnv, KAFKA_CLIENT_CERT: clientKey, KAFKA_CLIENT_CERT_KEY: clientCert };
    expect(problemsOf(env)).toEqual([
      "KAFKA_CLIENT_CERT holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)",
      "KAFKA_CLIENT_CERT_KEY holds no PEM private key (no -----BEGIN ... PRIVATE KEY----- block)",
    ]);
    const message = messageOf(env);
    expect(message).not.toContain(pemBody(clientKey));
    expect(message).not.toContain(pemBody(clientCert));
  });

  it("refuses a mixed TLS/plaintext KAFKA_URL", () => {
    expect(problemsOf({ ...herokuEnv, KAFKA_URL: "kafka+ssl://a:9096,kafka://b:9092" })[0]).toContain(
      "KAFKA_URL mixes TLS and plaintext brokers",
    );
  });

  it("refuses a KAFKA_PREFIX that could not start a topic name", () => {
    expect(problemsOf({ ...herokuEnv, KAFKA_PREFIX: "milk 3411/" })).toEqual([
      'KAFKA_PREFIX may hold only letters, digits, ".", "_" and "-" (e.g. "milk-3411.")',
    ]);
  });

  it("lists every problem in one error whose message never holds PEM text", () => {
    const env = {
      KAFKA_URL: "kafka+ssl://a:9096",
      KAFKA_TRUSTED_CERT: caA,
      KAFKA_CLIENT_CERT_KEY: clientKey,
    };
    const message = messageOf(env);
    expect(message).toBe(
      "Kafka configuration is invalid:\n  - KAFKA_CLIENT_CERT is missing: required when KAFKA_URL uses kafka+ssl://",
    );
    expect(message).not.toContain("BEGIN");
  });
});

describe("describeKafkaConfig", () => {
  it("gives what is safe to log, without certificate or key text", () => {
    const described = describeKafkaConfig(load(herokuEnv));
    expect(described).toEqual({
      brokers: ["ec2-1.example.com:9096", "ec2-2.example.com:9096"],
      tls: "mutual TLS, 1 trusted CA certificate(s)",
      prefix: "milk-3411.",
      clientId: "edm-test",
    });
    expect(JSON.stringify(described)).not.toContain("BEGIN");
  });
});
