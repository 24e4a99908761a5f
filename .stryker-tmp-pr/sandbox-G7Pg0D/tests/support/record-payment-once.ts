/**
 * A second process for the exactly-once tests (tests/int/write-second-process.int.test.ts): records
 * one bill payment through the product's use case, as the app would, with the app's configuration
 * (DATABASE_URL, QBO_BASE_URL, TOKEN_ENCRYPTION_KEY). Prints the result or the error as JSON.
 * Usage: node --import tsx --import ./scripts/server-only-hook.mjs tests/support/record-payment-once.ts <json>
 */
// @ts-nocheck

import { getBusinessContext } from "../../server/access/business-context";
import { systemClock } from "../../server/clock";
import { getDatabase } from "../../server/db/client";
import { writeClient } from "../../server/decisions/qbo-client";
import { recordBillPayment } from "../../server/decisions/write-back";

const args = JSON.parse(process.argv[2] ?? "{}") as {
  businessId: string;
  userId: string;
  input: { billId: string; accountId: string; date: string; amount: number };
};
const handle = await getDatabase();
const ctx = await getBusinessContext({ db: handle.db, userId: args.userId, businessId: args.businessId });
try {
  const r = await recordBillPayment({
    db: handle.db,
    ctx,
    input: args.input,
    clock: systemClock,
    client: () => writeClient({ db: handle.db, ctx, clock: systemClock }),
  });
  console.info(JSON.stringify({ ok: r }));
} catch (err) {
  console.info(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
}
await handle.close();
