import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankAccounts, qboAccounts } from "../db/schema";
import { AppError } from "../errors";
import { markPortfolioStale } from "../portfolio/stale";
import { bookTypeFor } from "./mapping-rules";

/**
 * A person says which QuickBooks account a bank account is (or that it is none). Only a bank
 * account of the same kind (Bank for depository, Credit Card for a card), and each QuickBooks
 * account stands for one bank account at most.
 */
export async function mapBankAccount(deps: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  bankItemId: string;
  accountId: string;
  qboAccountId: string | null;
}) {
  const { db, ctx } = deps;
  assertCan(ctx, "manageConnection");
  const [acct] = await db
    .select()
    .from(bankAccounts)
    .where(
      and(
        eq(bankAccounts.businessId, ctx.businessId),
        eq(bankAccounts.bankItemId, deps.bankItemId),
        eq(bankAccounts.accountId, deps.accountId),
      ),
    );
  if (!acct) throw new AppError("not_found", "No such bank account.");
  if (deps.qboAccountId) {
    const [book] = await db
      .select()
      .from(qboAccounts)
      .where(
        and(
          eq(qboAccounts.businessId, ctx.businessId),
          eq(qboAccounts.qboId, deps.qboAccountId),
          eq(qboAccounts.deleted, false),
        ),
      );
    if (!book) throw new AppError("not_found", "No such QuickBooks account.");
    if (book.accountType !== bookTypeFor(acct.type))
      throw new AppError(
        "invalid_input",
        `${acct.name} is ${acct.type === "credit" ? "a card" : "a bank account"}: choose a QuickBooks ${bookTypeFor(acct.type) ?? "bank"} account.`,
        {
          qboAccountId: ["Choose an account of the same kind."],
        },
      );
    const [other] = await db
      .select({ name: bankAccounts.name })
      .from(bankAccounts)
      .where(
        and(
          eq(bankAccounts.businessId, ctx.businessId),
          eq(bankAccounts.qboAccountId, deps.qboAccountId),
          ne(bankAccounts.accountId, deps.accountId),
        ),
      );
    if (other)
      throw new AppError("conflict", `${book.name} is already matched to the bank's ${other.name}.`, {
        qboAccountId: [`Already matched to ${other.name}.`],
      });
  }
  await db.transaction(async (tx) => {
    await tx
      .update(bankAccounts)
      .set({
        qboAccountId: deps.qboAccountId,
        mappingConfirmedAt: deps.clock.now(),
        mappingConfirmedBy: ctx.userId,
      })
      .where(and(eq(bankAccounts.bankItemId, deps.bankItemId), eq(bankAccounts.accountId, deps.accountId)));
    await recordAudit(tx as unknown as DB, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "bank.account_mapped",
      detail: { accountId: deps.accountId, qboAccountId: deps.qboAccountId },
    });
    await markPortfolioStale(tx as unknown as DB, ctx.businessId);
  });
  return { mapped: deps.qboAccountId };
}
