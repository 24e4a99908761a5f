// @ts-nocheck
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { reserves } from "../db/schema";
import { AppError } from "../errors";
import { fieldErrorsOf, ZIsoDate, ZMoneyText } from "../lib/validation";
import { afterPlanChange } from "../portfolio/snapshots";
import { markPortfolioStale } from "../portfolio/stale";
import { addDays } from "../runway/dates";

/** How far ahead a set-aside may be dated (a year: reserves are for what is coming). */
export const MAX_RESERVE_DAYS = 366;

const money = ZMoneyText({ example: "2500 or 2500.00" });
const isoDate = ZIsoDate();
/** An optional date field: an empty input means "none". */
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .pipe(isoDate.optional());

/** The reserve form. Which fields matter depends on the kind; the others are ignored. */
export const ZReserveInput = z
  .object({
    name: z.string().trim().min(1, "Give the reserve a name").max(80, "At most 80 characters"),
    kind: z.enum(["hold", "setAside", "percentOfInflows"]),
    amount: z.string().optional(),
    percent: z.string().optional(),
    releaseDate: optionalDate,
    payDate: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "percentOfInflows") {
      const r = money.safeParse(v.amount ?? "");
      if (!r.success) ctx.addIssue({ code: "custom", path: ["amount"], message: r.error.issues[0]!.message });
    } else {
      const p = /^\d{1,3}(\.\d{1,2})?$/.test((v.percent ?? "").trim()) ? Number(v.percent) : Number.NaN;
      if (!(p > 0 && p <= 100))
        ctx.addIssue({
          code: "custom",
          path: ["percent"],
          message: "Enter a percentage above 0 and up to 100",
        });
    }
    if (v.kind === "setAside" && !v.payDate)
      ctx.addIssue({ code: "custom", path: ["payDate"], message: "When is the payment due?" });
  });
export type TReserveInput = z.infer<typeof ZReserveInput>;

/** Validated here too, so every caller (actions, jobs, tests) gets the same field errors. */
function columnsOf(raw: TReserveInput, today: string) {
  const parsed = ZReserveInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "Please correct the highlighted fields.",
      fieldErrorsOf(parsed.error),
    );
  const input = parsed.data;
  const limit = addDays(today, MAX_RESERVE_DAYS);
  const dateField = input.kind === "setAside" ? "payDate" : input.kind === "hold" ? "releaseDate" : null;
  const date = dateField ? input[dateField] : undefined;
  if (date && (date <= today || date > limit))
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      [dateField!]: [`Pick a date after today and no later than ${limit}`],
    });
  const [whole, frac = ""] = (input.percent ?? "0").trim().split(".");
  return {
    name: input.name,
    kind: input.kind,
    amountCents: input.kind === "percentOfInflows" ? null : money.parse(input.amount ?? ""),
    basisPoints: input.kind === "percentOfInflows" ? Number(whole) * 100 + Number(frac.padEnd(2, "0")) : null,
    releaseDate: input.kind === "hold" ? (input.releaseDate ?? null) : null,
    payDate: input.kind === "setAside" ? input.payDate! : null,
  };
}

export async function createReserve({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TReserveInput;
  clock: Clock;
}) {
  assertCan(ctx, "prepare");
  const now = clock.now();
  const cols = columnsOf(input, businessDate(now, ctx.business.timezone));
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reserves)
      .values({ businessId: ctx.businessId, ...cols, createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .returning({ id: reserves.id });
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "reserve.created",
      detail: { reserveId: row!.id, ...cols },
    });
    return row!.id;
  });
  await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return { reserveId: id, message: `Reserve “${cols.name}” saved.` };
}

async function activeReserve(db: DB, ctx: TBusinessContext, reserveId: string) {
  const ok = z.string().uuid().safeParse(reserveId).success;
  const [row] = ok
    ? await db
        .select()
        .from(reserves)
        .where(and(eq(reserves.businessId, ctx.businessId), eq(reserves.id, reserveId)))
    : [];
  if (!row) throw new AppError("not_found", "Reserve not found");
  if (row.releasedAt) throw new AppError("conflict", "This reserve was already released.");
  return row;
}

export async function updateReserve({
  db,
  ctx,
  reserveId,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  reserveId: string;
  input: TReserveInput;
  clock: Clock;
}) {
  assertCan(ctx, "prepare");
  const now = clock.now();
  const before = await activeReserve(db, ctx, reserveId);
  const cols = columnsOf(input, businessDate(now, ctx.business.timezone));
  await db.transaction(async (tx) => {
    await tx
      .update(reserves)
      .set({ ...cols, updatedAt: now })
      .where(and(eq(reserves.businessId, ctx.businessId), eq(reserves.id, reserveId)));
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "reserve.updated",
      detail: { reserveId, before: { ...before, createdAt: undefined, updatedAt: undefined }, after: cols },
    });
  });
  await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return { message: `Reserve “${cols.name}” updated.` };
}

export async function releaseReserve({
  db,
  ctx,
  reserveId,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  reserveId: string;
  clock: Clock;
}) {
  assertCan(ctx, "prepare");
  const now = clock.now();
  const row = await activeReserve(db, ctx, reserveId);
  await db.transaction(async (tx) => {
    await tx
      .update(reserves)
      .set({ releasedAt: now, releasedBy: ctx.userId, updatedAt: now })
      .where(
        and(eq(reserves.businessId, ctx.businessId), eq(reserves.id, reserveId), isNull(reserves.releasedAt)),
      );
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "reserve.released",
      detail: { reserveId, name: row.name },
    });
  });
  await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return { message: `Reserve “${row.name}” released.` };
}

/** Active reserves first, then the last released ones. */
export async function listReserves({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  const rows = await db
    .select()
    .from(reserves)
    .where(eq(reserves.businessId, ctx.businessId))
    .orderBy(desc(reserves.createdAt))
    .limit(200);
  return {
    active: rows.filter((r) => !r.releasedAt),
    released: rows.filter((r) => r.releasedAt).slice(0, 20),
  };
}
