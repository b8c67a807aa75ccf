import { describe, expect, it } from "vitest";
import { caA, caB, clientCert, clientKey, otherKey } from "./testing/pem-fixtures";
import { brokerTlsOptions, readTlsVariables, splitPemCertificates } from "./tls";

const valid = { KAFKA_TRUSTED_CERT: caA, KAFKA_CLIENT_CERT: clientCert, KAFKA_CLIENT_CERT_KEY: clientKey };

function problemsOf(env: Parameters<typeof readTlsVariables>[0]): string[] {
  const result = readTlsVariables(env);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("splitPemCertificates", () => {
  it("returns each certificate block, ignoring text around them", () => {
    expect(splitPemCertificates(`subject=CA a\n${caA}\nsubject=CA b\r\n${caB}trailing`)).toEqual([caA, caB]);
  });

  it("returns nothing for text without a certificate block", () => {
    expect(splitPemCertificates(clientKey)).toEqual([]);
  });
});

describe("readTlsVariables", () => {
  it("accepts a CA, a certificate and its own key", () => {
    expect(readTlsVariables(valid)).toEqual({
      ok: true,
      value: { ca: [caA], cert: clientCert.trim(), key: clientKey.trim() },
    });
  });

  it("refuses a key that belongs to another certificate", () => {
    expect(problemsOf({ ...valid, KAFKA_CLIENT_CERT_KEY: otherKey })).toEqual([
      "KAFKA_CLIENT_CERT_KEY does not belong to KAFKA_CLIENT_CERT (their public keys differ)",
    ]);
  });

  it("refuses a damaged certificate, saying which of several it is", () => {
    const damaged = caB.replace(/^(-----BEGIN CERTIFICATE-----\n)M/, "$1Q");
    expect(problemsOf({ ...valid, KAFKA_TRUSTED_CERT: caA + damaged })).toEqual([
      "KAFKA_TRUSTED_CERT certificate 2 of 2 is not a valid X.509 certificate",
    ]);
  });

  it("refuses an encrypted key, which a service could not unlock at start-up", () => {
    const encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
    expect(problemsOf({ ...valid, KAFKA_CLIENT_CERT_KEY: encrypted })).toEqual([
      "KAFKA_CLIENT_CERT_KEY is an encrypted private key; give it unencrypted, as Heroku does",
    ]);
  });

  it("refuses an unreadable key", () => {
    const garbage = "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n";
    expect(problemsOf({ ...valid, KAFKA_CLIENT_CERT_KEY: garbage })).toEqual([
      "KAFKA_CLIENT_CERT_KEY is not a readable private key",
    ]);
  });

  it("names all three variables when none is set", () => {
    expect(problemsOf({})).toHaveLength(3);
  });
});

describe("brokerTlsOptions", () => {
  it("verifies the server's chain and skips only the host-name check", () => {
    const options = brokerTlsOptions({ ca: [caA, caB], cert: clientCert, key: clientKey });
    expect(options.rejectUnauthorized).toBe(true);
    expect(options.ca).toEqual([caA, caB]);
    expect(options.checkServerIdentity?.("any-host", {} as never)).toBeUndefined();
  });
});
