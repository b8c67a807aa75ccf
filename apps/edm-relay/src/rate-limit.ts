import { isIPv4 } from "node:net";
import type { Logger } from "@edm/runtime";
import type { RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { sendError } from "./http-errors";

// A dual-stack server sees IPv4 clients as IPv4-mapped IPv6 addresses (::ffff:203.0.113.9). The library's
// own key generator parses every IPv6-looking address with ip-address to find its subnet, which a CPU
// profile of the relay under load showed costing more than any middleware of its own; IPv4 and mapped
// IPv4 addresses need no parsing to be keyed by their IPv4 form.
const MAPPED_IPV4 = "::ffff:";

/**
 * The rate-limit key of a client address: the IPv4 address itself (also when mapped into IPv6), or for
 * real IPv6 the /56 subnet ipKeyGenerator makes of it, since one IPv6 client usually holds a whole subnet.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (ip === undefined) return "";
  if (isIPv4(ip)) return ip;
  if (ip.length > MAPPED_IPV4.length && ip.slice(0, MAPPED_IPV4.length).toLowerCase() === MAPPED_IPV4) {
    const embedded = ip.slice(MAPPED_IPV4.length);
    if (isIPv4(embedded)) return embedded;
  }
  return ipKeyGenerator(ip);
}

export interface RateLimitOptions {
  perMinute: number;
  log: Logger;
}

/** 429 past `perMinute` event requests from one client address (req.ip, which TRUST_PROXY decides). */
export function limitPerClient({ perMinute, log }: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    // draft-7's RateLimit and RateLimit-Policy say what draft-8's do (limit, remaining, reset, window)
    // but for draft-8's partition key, a SHA-256 of the client's key computed on every request: a CPU
    // profile under load put that hash at about 2 % of the relay's CPU. Clients read Retry-After.
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req) => clientAddressKey(req.ip),
    // That check reads only keyGenerator's own source for a call of ipKeyGenerator; clientAddressKey
    // makes it for every IPv6 address.
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, res) =>
      sendError(res, 429, `too many requests from this address: at most ${perMinute} a minute`),
    logger: {
      warn: (err, message) => log.warn({ err }, message ?? "rate limiter warning"),
      error: (err, message) => log.error({ err }, message ?? "rate limiter error"),
    },
  });
}
