// @ts-nocheck
import "server-only";
import { and, eq } from "drizzle-orm";
import { listAccess } from "../access/business-context";
import type { DB } from "../db/client";
import { businesses, digests, notificationPrefs, users } from "../db/schema";
import { verifyLink } from "./links";
import type { TDigestSnapshot } from "./snapshot";
import { parseDigestSnapshot } from "./snapshot-schema";

export type TSignedDigest =
  | {
      ok: true;
      digest: {
        id: string;
        asOf: string;
        createdAt: Date;
        kind: "weekly" | "manual";
        snapshot: TDigestSnapshot;
      };
      business: { id: string; name: string; timezone: string };
      recipient: { userId: string; email: string | null };
    }
  | { ok: false; reason: "malformed" | "signature" | "expired" | "gone" | "no_access" };

/**
 * Open a digest from an emailed link without a session: the signature and expiry are checked,
 * then the digest must still exist and the recipient must still reach its business (a removed
 * member's old link stops working at once). Read-only: nothing here can change anything.
 */
export async function openSignedDigest({
  db,
  token,
  secret,
  now,
}: {
  db: DB;
  token: string;
  secret: string;
  now: Date;
}): Promise<TSignedDigest> {
  const v = verifyLink(token, secret, now);
  if (!v.ok) return v;
  if (v.payload.p !== "digest") return { ok: false, reason: "malformed" };
  const { d: digestId, u: userId } = v.payload;
  const [row] = await db
    .select({
      digest: digests,
      businessName: businesses.name,
      timezone: businesses.timezone,
      email: users.email,
    })
    .from(digests)
    .innerJoin(businesses, eq(businesses.id, digests.businessId))
    .innerJoin(users, eq(users.id, userId))
    .where(eq(digests.id, digestId));
  if (!row) return { ok: false, reason: "gone" };
  const access = (await listAccess(db, userId, row.digest.businessId)).get(row.digest.businessId);
  if (!access) return { ok: false, reason: "no_access" };
  return {
    ok: true,
    digest: {
      id: row.digest.id,
      asOf: row.digest.asOf,
      createdAt: row.digest.createdAt,
      kind: row.digest.kind,
      snapshot: parseDigestSnapshot(row.digest.snapshot),
    },
    business: { id: row.digest.businessId, name: row.businessName, timezone: row.timezone },
    recipient: { userId, email: row.email },
  };
}

/** What an unsubscribe link is about (null: not a valid unsubscribe link). */
export async function viewUnsubscribe({
  db,
  token,
  secret,
  now,
}: {
  db: DB;
  token: string;
  secret: string;
  now: Date;
}) {
  const v = verifyLink(token, secret, now);
  if (!v.ok || v.payload.p !== "unsubscribe") return null;
  const { b: businessId, u: userId } = v.payload;
  // Someone who lost access to the business learns nothing of it from an old email (not even its
  // current name): the page asks them to sign in instead.
  if (!(await listAccess(db, userId, businessId)).get(businessId)) return null;
  const [row] = await db
    .select({ businessName: businesses.name, email: users.email })
    .from(businesses)
    .innerJoin(users, eq(users.id, userId))
    .where(eq(businesses.id, businessId));
  if (!row) return null;
  const [pref] = await db
    .select({ digestEmail: notificationPrefs.digestEmail })
    .from(notificationPrefs)
    .where(and(eq(notificationPrefs.businessId, businessId), eq(notificationPrefs.userId, userId)));
  return { businessId, userId, ...row, subscribed: pref?.digestEmail ?? true };
}

/** Turn the weekly digest email off for the link's recipient and business (alerts stay on). */
export async function unsubscribeWithLink({
  db,
  token,
  secret,
  now,
}: {
  db: DB;
  token: string;
  secret: string;
  now: Date;
}) {
  const view = await viewUnsubscribe({ db, token, secret, now });
  if (!view) return null;
  await setNotificationPrefs(db, view.businessId, view.userId, { digestEmail: false }, now);
  return view;
}

export async function setNotificationPrefs(
  db: DB,
  businessId: string,
  userId: string,
  prefs: { digestEmail?: boolean; alertEmail?: boolean },
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPrefs)
    .values({ businessId, userId, ...prefs, updatedAt: now })
    .onConflictDoUpdate({
      target: [notificationPrefs.businessId, notificationPrefs.userId],
      set: { ...prefs, updatedAt: now },
    });
}

export async function getNotificationPrefs(db: DB, businessId: string, userId: string) {
  const [pref] = await db
    .select({ digestEmail: notificationPrefs.digestEmail, alertEmail: notificationPrefs.alertEmail })
    .from(notificationPrefs)
    .where(and(eq(notificationPrefs.businessId, businessId), eq(notificationPrefs.userId, userId)));
  return pref ?? { digestEmail: true, alertEmail: true };
}
