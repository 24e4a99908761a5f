// @ts-nocheck
import "server-only";
import { z } from "zod";
import { assertCan, getBusinessContext, type TBusinessContext } from "../access/business-context";
import type { TCapability } from "../access/permissions";
import { currentUserId } from "../auth/session";
import { type DB, getDb } from "../db/client";
import { AppError, type TAppErrorCode, type TFieldErrors } from "../errors";
import { fieldErrorsOf } from "../lib/validation";

/**
 * Every server action is built here, so each one resolves the session once, validates its input
 * with zod (field errors, nothing written), resolves the business context (another tenant's id is
 * `not_found`) and checks the role before any domain code runs. Results are plain objects the
 * client islands render; AppErrors become `{ ok: false }`, anything else is a real crash.
 */
export type TActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: TAppErrorCode; message: string; fieldErrors?: TFieldErrors };

export type TActionMeta =
  | { scope: "business"; capability: TCapability; name: string }
  | { scope: "user"; name: string }
  | { scope: "public"; name: string; why: string };

export type TAction<T> = ((raw: unknown) => Promise<TActionResult<T>>) & { meta: TActionMeta };

function failure(err: unknown): TActionResult<never> {
  if (err instanceof AppError) {
    return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
  }
  throw err;
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "invalid_input",
      "Please correct the highlighted fields.",
      fieldErrorsOf(parsed.error),
    );
  }
  return parsed.data;
}

const ZBusinessRef = z.object({ businessId: z.string() });

export function businessAction<S extends z.ZodType, R>(spec: {
  name: string;
  capability: TCapability;
  input: S;
  run: (args: { db: DB; ctx: TBusinessContext; input: z.infer<S> }) => Promise<R>;
}): TAction<R> {
  const fn = async (raw: unknown): Promise<TActionResult<R>> => {
    try {
      const userId = await currentUserId();
      if (!userId) throw new AppError("unauthorized", "Please sign in again.");
      const ref = ZBusinessRef.safeParse(raw);
      if (!ref.success) throw new AppError("not_found", "Business not found");
      const db = await getDb();
      const ctx = await getBusinessContext({ db, userId, businessId: ref.data.businessId });
      assertCan(ctx, spec.capability);
      const input = parse(spec.input, raw);
      return { ok: true, data: await spec.run({ db, ctx, input }) };
    } catch (err) {
      return failure(err);
    }
  };
  return Object.assign(fn, {
    meta: { scope: "business", capability: spec.capability, name: spec.name } as const,
  });
}

/** Signed-in actions that are not about one business yet (create a business, accept an invitation). */
export function userAction<S extends z.ZodType, R>(spec: {
  name: string;
  input: S;
  run: (args: { db: DB; userId: string; input: z.infer<S> }) => Promise<R>;
}): TAction<R> {
  const fn = async (raw: unknown): Promise<TActionResult<R>> => {
    try {
      const userId = await currentUserId();
      if (!userId) throw new AppError("unauthorized", "Please sign in again.");
      const input = parse(spec.input, raw);
      return { ok: true, data: await spec.run({ db: await getDb(), userId, input }) };
    } catch (err) {
      return failure(err);
    }
  };
  return Object.assign(fn, { meta: { scope: "user", name: spec.name } as const });
}

/** Actions anyone may call (sign-in). `why` documents it for the tenancy test. */
export function publicAction<S extends z.ZodType, R>(spec: {
  name: string;
  why: string;
  input: S;
  run: (args: { input: z.infer<S> }) => Promise<R>;
}): TAction<R> {
  const fn = async (raw: unknown): Promise<TActionResult<R>> => {
    try {
      return { ok: true, data: await spec.run({ input: parse(spec.input, raw) }) };
    } catch (err) {
      return failure(err);
    }
  };
  return Object.assign(fn, { meta: { scope: "public", name: spec.name, why: spec.why } as const });
}
