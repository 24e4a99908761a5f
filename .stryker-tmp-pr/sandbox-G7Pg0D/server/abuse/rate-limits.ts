// @ts-nocheck
import { countOf } from "@/lib/format";
import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { DB } from "../db/client";
import { rateLimits } from "../db/schema";
import { AppError } from "../errors";

/**
 * Abuse limits (finding 6), counted in the database (rate-limiter-flexible's Drizzle store on our
 * own client, so they hold across processes and on PGlite alike). One place for every limit.
 */
export const LIMITS = {
  /** Sign-in emails to one address. */
  signInPerAddress: { points: 5, duration: 15 * 60, what: "sign-in emails to this address" },
  /** Sign-in emails asked for from one IP (only when TRUSTED_PROXY_HOPS says where it is). */
  signInPerIp: { points: 30, duration: 15 * 60, what: "sign-in emails from this network" },
  /** Invitations sent from one business or firm. */
  invitesPerScope: { points: 20, duration: 60 * 60, what: "invitations" },
  /** Invitations to one address from one business or firm. */
  invitesPerAddress: { points: 3, duration: 60 * 60, what: "invitations to this address" },
  /** "Sync now" per business: the manual sync cooldown (a page view shares it). */
  manualSync: { points: 3, duration: 60, what: "manual syncs" },
} as const;
export type TLimit = keyof typeof LIMITS;

const limiters = new WeakMap<object, Map<TLimit, RateLimiterDrizzle>>();

function limiter(db: DB, name: TLimit): RateLimiterDrizzle {
  let m = limiters.get(db);
  if (!m) {
    m = new Map();
    limiters.set(db, m);
  }
  let l = m.get(name);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: name,
      points: LIMITS[name].points,
      duration: LIMITS[name].duration,
    });
    m.set(name, l);
  }
  return l;
}

function tooMany(name: TLimit, msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new AppError(
    "rate_limited",
    `Too many ${LIMITS[name].what}. Try again in ${countOf(minutes, "minute")}.`,
  );
}

/** Count one event against `name` for `key`; over the limit it throws `rate_limited`. */
export async function consumeLimit(db: DB, name: TLimit, key: string): Promise<void> {
  try {
    await limiter(db, name).consume(key.toLowerCase());
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(name, err.msBeforeNext);
    throw err;
  }
}

/** Is `key` already over `name`'s limit? (Checks without counting.) */
export async function checkLimit(db: DB, name: TLimit, key: string): Promise<void> {
  const res = await limiter(db, name).get(key.toLowerCase());
  if (res && res.consumedPoints >= LIMITS[name].points) throw tooMany(name, res.msBeforeNext);
}

/**
 * The caller's IP, read from X-Forwarded-For only through the configured number of trusted proxy
 * hops (each appends the address it received from): the entry `hops` from the right. With no
 * trusted proxy the header is whatever the caller wrote, so there is no IP and per-IP limits are off.
 */
export function clientIp(forwardedFor: string | null, hops: number): string | null {
  if (hops <= 0 || !forwardedFor) return null;
  const chain = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain[chain.length - hops];
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
