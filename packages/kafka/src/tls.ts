import { createPrivateKey, X509Certificate } from "node:crypto";
import type { ConnectionOptions } from "node:tls";

/** The mutual-TLS material Heroku gives an app, already checked. Holds a private key: never log it. */
export interface KafkaTls {
  /** Trusted CA certificates, one PEM each (Heroku lists two while it rotates the cluster's CA). */
  ca: string[];
  /** The client certificate (PEM). */
  cert: string;
  /** The client certificate's private key (PEM). */
  key: string;
}

export interface TlsVariables {
  KAFKA_TRUSTED_CERT?: string | undefined;
  KAFKA_CLIENT_CERT?: string | undefined;
  KAFKA_CLIENT_CERT_KEY?: string | undefined;
}

export type TlsResult = { ok: true; value: KafkaTls } | { ok: false; problems: string[] };

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const REQUIRED = ["KAFKA_TRUSTED_CERT", "KAFKA_CLIENT_CERT", "KAFKA_CLIENT_CERT_KEY"] as const;

/** Every PEM certificate block in `text`, in order. */
export function splitPemCertificates(text: string): string[] {
  return (text.match(CERTIFICATE_BLOCK) ?? []).map((block) => `${block}\n`);
}

/**
 * Checks the three variables the way a TLS handshake would, so a swapped or truncated value fails
 * at start-up with the variable's name rather than later as an obscure handshake error.
 * Problems name variables only: PEM text (the key above all) never appears in them.
 */
export function readTlsVariables(env: TlsVariables): TlsResult {
  const values = REQUIRED.map((name) => unescapeNewlines(env[name]?.trim() ?? ""));
  const [trusted = "", cert = "", key = ""] = values;
  const missing = REQUIRED.filter((_, index) => values[index] === "");
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((name) => `${name} is missing: required when KAFKA_URL uses kafka+ssl://`),
    };
  }

  const problems: string[] = [];
  const ca = splitPemCertificates(trusted);
  if (ca.length === 0)
    problems.push("KAFKA_TRUSTED_CERT holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)");
  ca.forEach((pem, index) => {
    if (!parseCertificate(pem)) {
      problems.push(
        `KAFKA_TRUSTED_CERT certificate ${index + 1} of ${ca.length} is not a valid X.509 certificate`,
      );
    }
  });

  const clientBlocks = splitPemCertificates(cert);
  const clientCertificate = clientBlocks[0] ? parseCertificate(clientBlocks[0]) : undefined;
  if (clientBlocks.length === 0) {
    problems.push("KAFKA_CLIENT_CERT holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)");
  } else if (!clientCertificate) {
    problems.push("KAFKA_CLIENT_CERT is not a valid X.509 certificate");
  }

  const privateKey = parsePrivateKey(key);
  if (typeof privateKey === "string") problems.push(privateKey);
  else if (clientCertificate && !clientCertificate.checkPrivateKey(privateKey)) {
    problems.push("KAFKA_CLIENT_CERT_KEY does not belong to KAFKA_CLIENT_CERT (their public keys differ)");
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { ca, cert, key } };
}

/**
 * Node TLS options for a Heroku-style broker.
 *
 * Why the host-name check is skipped: Heroku's broker certificates are signed by the cluster's own CA
 * (KAFKA_TRUSTED_CERT) but name no host (no subjectAltName, and the CN is not a host name), so Node's
 * standard check would refuse every broker. The chain is still verified against that CA, which signs
 * only this cluster's brokers, so the server stays authenticated: only the name comparison is dropped.
 * `rejectUnauthorized` must stay true; false would accept any server, including an impostor.
 */
export function brokerTlsOptions(tls: KafkaTls): ConnectionOptions {
  return {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: true,
    checkServerIdentity: () => undefined,
  };
}

/** A value pasted into a .env file often arrives with literal "\n" instead of line breaks. */
function unescapeNewlines(text: string): string {
  return !text.includes("\n") && text.includes("\\n") ? text.replaceAll("\\n", "\n") : text;
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function parsePrivateKey(pem: string): ReturnType<typeof createPrivateKey> | string {
  if (pem.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
    return "KAFKA_CLIENT_CERT_KEY is an encrypted private key; give it unencrypted, as Heroku does";
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    return "KAFKA_CLIENT_CERT_KEY holds no PEM private key (no -----BEGIN ... PRIVATE KEY----- block)";
  }
  try {
    return createPrivateKey(pem);
  } catch {
    return "KAFKA_CLIENT_CERT_KEY is not a readable private key";
  }
}
