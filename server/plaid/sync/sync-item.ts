import "server-only";
import { and, eq } from "drizzle-orm";
import type { Clock } from "../../clock";
import type { DB } from "../../db/client";
import { bankItems } from "../../db/schema";
import type { TPlaidConfig } from "../../env";
import { decryptSecret } from "../../lib/vault";
import { PlaidRailError } from "../errors";
import { railForBusiness } from "../rail-for-business";
import { applyPass } from "./apply";
import { pullPass } from "./pull";

export type TItemSyncResult =
  | { outcome: "synced"; upserted: number; removed: number; pages: number; restarts: number }
  | { outcome: "superseded" }
  | { outcome: "needs_user"; errorCode: string }
  | { outcome: "skipped"; reason: "not_found" | "not_active" };

/**
 * Bring one Item's mirror up to date: one pass from the saved cursor, applied with its final
 * cursor in one transaction. An error only the person can fix marks the Item (needs_login, or
 * revoked) and stops; a transient one is recorded on the Item and rethrown for the job's retry.
 */
export async function syncBankItem(deps: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  businessId: string;
  bankItemId: string;
  count?: number;
}): Promise<TItemSyncResult> {
  const { db, businessId, bankItemId } = deps;
  const [item] = await db
    .select()
    .from(bankItems)
    .where(and(eq(bankItems.id, bankItemId), eq(bankItems.businessId, businessId)));
  if (!item) return { outcome: "skipped", reason: "not_found" };
  if (item.status !== "active") return { outcome: "skipped", reason: "not_active" };
  const rail = railForBusiness({ db, businessId, config: deps.config, clock: deps.clock });
  const ref = { itemId: item.itemId, accessToken: decryptSecret(item.accessTokenEnc, deps.key) };
  try {
    const pass = await pullPass(rail, ref, item.cursor, { count: deps.count });
    const applied = await applyPass(db, { businessId, bankItemId, pass, now: deps.clock.now() });
    if (!applied.applied) return { outcome: "superseded" };
    return {
      outcome: "synced",
      upserted: applied.upserted,
      removed: applied.removed,
      pages: pass.pages,
      restarts: pass.restarts,
    };
  } catch (e) {
    if (e instanceof PlaidRailError && e.kind === "needs_user") {
      await markItemError(db, { businessId, bankItemId, errorCode: e.code });
      return { outcome: "needs_user", errorCode: e.code };
    }
    const message = e instanceof Error ? e.message : String(e);
    await db
      .update(bankItems)
      .set({ lastSyncError: message.slice(0, 500) })
      .where(eq(bankItems.id, bankItemId));
    throw e;
  }
}

/** The Item needs its person: update mode (needs_login) or, once access is revoked, a new link. */
export async function markItemError(
  db: DB,
  input: { businessId: string; bankItemId: string; errorCode: string },
) {
  await db
    .update(bankItems)
    .set({
      status: input.errorCode === "USER_PERMISSION_REVOKED" ? "revoked" : "needs_login",
      errorCode: input.errorCode,
    })
    .where(and(eq(bankItems.id, input.bankItemId), eq(bankItems.businessId, input.businessId)));
}
