import { AppError } from "@/server/errors";

/** What an action refused with (code, message, field errors); fails the test if it did not refuse. */
export async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message, fields: err.fieldErrors };
    throw err;
  }
  throw new Error("expected a refusal");
}
