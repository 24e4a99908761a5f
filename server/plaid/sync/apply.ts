import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { DB } from "../../db/client";
import { bankAccounts, bankItems, bankTransactions } from "../../db/schema";
import { mapAccount, mapTransaction, type TBankAccountRow } from "../mappers";
import type { TPass } from "./pull";

const CHUNK = 500;

/** A real-time reading this recent is not overwritten by the cached balances a sync brings. */
export const REALTIME_KEPT_MS = 24 * 3_600_000;

export type TApplyResult =
  | { applied: true; upserted: number; removed: number; accounts: number }
  /** Another pass moved the cursor first; this one is dropped and the next sync starts from there. */
  | { applied: false; reason: "superseded" };

/**
 * Apply a whole pass and its final cursor in one database transaction: balances and accounts,
 * added and modified transactions upserted, removed ones deleted, the cursor moved. The item row
 * is locked and its cursor compared with the pass's first cursor, so two passes racing from the
 * same cursor cannot both land (nor an older one land after a newer one).
 */
export async function applyPass(
  db: DB,
  input: { businessId: string; bankItemId: string; pass: TPass; now: Date },
): Promise<TApplyResult> {
  const { businessId, bankItemId, pass, now } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ cursor: bankItems.cursor })
      .from(bankItems)
      .where(and(eq(bankItems.id, bankItemId), eq(bankItems.businessId, businessId)))
      .for("update");
    if (!row || row.cursor !== pass.fromCursor) return { applied: false, reason: "superseded" } as const;

    const accounts = pass.accounts.map(mapAccount);
    await upsertAccounts(tx as unknown as DB, { businessId, bankItemId, accounts, now, source: "cached" });
    if (accounts.length > 0)
      await tx
        .update(bankAccounts)
        .set({ gone: true })
        .where(
          and(
            eq(bankAccounts.bankItemId, bankItemId),
            notInArray(
              bankAccounts.accountId,
              accounts.map((a) => a.accountId),
            ),
          ),
        );

    const rows = pass.upserts.map(mapTransaction);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insert(bankTransactions)
        .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, businessId, bankItemId })))
        .onConflictDoUpdate({
          target: [bankTransactions.bankItemId, bankTransactions.transactionId],
          set: {
            accountId: sql`excluded.account_id`,
            amountCents: sql`excluded.amount_cents`,
            currency: sql`excluded.currency`,
            date: sql`excluded.date`,
            authorizedDate: sql`excluded.authorized_date`,
            name: sql`excluded.name`,
            merchantName: sql`excluded.merchant_name`,
            pending: sql`excluded.pending`,
            pendingTransactionId: sql`excluded.pending_transaction_id`,
            category: sql`excluded.category`,
            checkNumber: sql`excluded.check_number`,
          },
        });
    }
    for (let i = 0; i < pass.removed.length; i += CHUNK)
      await tx
        .delete(bankTransactions)
        .where(
          and(
            eq(bankTransactions.bankItemId, bankItemId),
            inArray(bankTransactions.transactionId, pass.removed.slice(i, i + CHUNK)),
          ),
        );

    await tx
      .update(bankItems)
      .set({
        cursor: pass.nextCursor,
        lastSyncedAt: now,
        lastSyncError: null,
        status: "active",
        errorCode: null,
      })
      .where(eq(bankItems.id, bankItemId));
    return {
      applied: true,
      upserted: rows.length,
      removed: pass.removed.length,
      accounts: accounts.length,
    } as const;
  });
}

/**
 * Store balances read from Plaid. Cached balances never overwrite a real-time reading younger
 * than REALTIME_KEPT_MS (it is the fresher figure); a real-time reading always lands.
 */
export async function upsertAccounts(
  db: DB,
  input: {
    businessId: string;
    bankItemId: string;
    accounts: TBankAccountRow[];
    now: Date;
    source: "cached" | "realtime";
  },
) {
  const { businessId, bankItemId, accounts, now, source } = input;
  if (accounts.length === 0) return;
  const keepRealtime =
    source === "cached"
      ? sql`${bankAccounts.balancesSource} = 'realtime' and ${bankAccounts.balancesAsOf} > ${new Date(now.getTime() - REALTIME_KEPT_MS).toISOString()}::timestamptz`
      : sql`false`;
  const balance = (col: string, current: unknown) =>
    sql`case when ${keepRealtime} then ${current} else excluded.${sql.raw(col)} end`;
  await db
    .insert(bankAccounts)
    .values(
      accounts.map((a) => ({
        ...a,
        businessId,
        bankItemId,
        balancesAsOf: now,
        balancesSource: source,
        gone: false,
      })),
    )
    .onConflictDoUpdate({
      target: [bankAccounts.bankItemId, bankAccounts.accountId],
      set: {
        name: sql`excluded.name`,
        officialName: sql`excluded.official_name`,
        mask: sql`excluded.mask`,
        type: sql`excluded.type`,
        subtype: sql`excluded.subtype`,
        currency: sql`excluded.currency`,
        gone: false,
        currentCents: balance("current_cents", bankAccounts.currentCents),
        availableCents: balance("available_cents", bankAccounts.availableCents),
        limitCents: balance("limit_cents", bankAccounts.limitCents),
        balancesAsOf: balance("balances_as_of", bankAccounts.balancesAsOf),
        balancesSource: balance("balances_source", bankAccounts.balancesSource),
      },
    });
}
