// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateBusinessAction } from "@/app/actions/businesses";
import { updateNotificationPrefsAction } from "@/app/actions/digests";
import { connectQuickBooksAction } from "@/app/actions/quickbooks";
import { setSessionUserForTests } from "@/server/auth/session";
import { businesses, notificationPrefs, qboOauthStates } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/**
 * Every form with a checkbox or a boolean flag, through its server action as the browser sends
 * it: an unticked box is absent from the form data, a ticked one is "on", and a hand-made
 * "false" means false (the old coercing parser rejected the first and turned the last into true).
 */
describe(`form booleans: one parser, every form (${testBackend})`, () => {
  let h: TestDatabase;
  let owner: string;
  let businessId: string;
  const saved = { ...process.env };
  const settings = {
    name: "Acme Studio",
    timezone: "Europe/London",
    currency: "GBP",
    fiscalYearStartMonth: "1",
  };
  beforeAll(async () => {
    h = await useTestDatabase();
    owner = (await makeUser(h.db)).id;
    businessId = await makeBusiness(h.db, owner);
  });
  afterEach(() => setSessionUserForTests(undefined));
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    await h?.close();
  });

  const flags = async () => {
    const [b] = await h.db.select().from(businesses).where(eq(businesses.id, businessId));
    return { bookkeeper: b!.allowBookkeeperCommit, advisor: b!.allowAdvisorCommit, name: b!.name };
  };

  it("business settings: saved with neither box ticked, ticked, and unticked again", async () => {
    setSessionUserForTests(owner);
    // Neither ticked: the keys are absent. The owner can rename without granting commit rights.
    expect(await updateBusinessAction({ businessId, ...settings, name: "Renamed Studio" })).toMatchObject({
      ok: true,
    });
    expect(await flags()).toEqual({ bookkeeper: false, advisor: false, name: "Renamed Studio" });
    expect(
      await updateBusinessAction({
        businessId,
        ...settings,
        allowBookkeeperCommit: "on",
        allowAdvisorCommit: "on",
      }),
    ).toMatchObject({ ok: true });
    expect(await flags()).toMatchObject({ bookkeeper: true, advisor: true });
    // Unticked again: absent once more.
    expect(await updateBusinessAction({ businessId, ...settings, allowAdvisorCommit: "on" })).toMatchObject({
      ok: true,
    });
    expect(await flags()).toMatchObject({ bookkeeper: false, advisor: true });
    // A hand-made "false" is false, not true.
    expect(
      await updateBusinessAction({
        businessId,
        ...settings,
        allowBookkeeperCommit: "false",
        allowAdvisorCommit: "false",
      }),
    ).toMatchObject({ ok: true });
    expect(await flags()).toMatchObject({ bookkeeper: false, advisor: false });
    // Nonsense is a field error naming the field, and nothing is written.
    expect(
      await updateBusinessAction({
        businessId,
        ...settings,
        name: "Should Not Save",
        allowAdvisorCommit: "perhaps",
      }),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { allowAdvisorCommit: ["Tick or untick this box"] },
    });
    expect(await flags()).toMatchObject({ name: "Acme Studio", advisor: false });
  });

  it("notification settings: each box unticked, ticked, and a hand-made 'false'", async () => {
    setSessionUserForTests(owner);
    const prefs = async () => {
      const [p] = await h.db
        .select()
        .from(notificationPrefs)
        .where(and(eq(notificationPrefs.businessId, businessId), eq(notificationPrefs.userId, owner)));
      return { digest: p!.digestEmail, alert: p!.alertEmail };
    };
    expect(await updateNotificationPrefsAction({ businessId, alertEmail: "on" })).toMatchObject({ ok: true });
    expect(await prefs()).toEqual({ digest: false, alert: true });
    expect(
      await updateNotificationPrefsAction({ businessId, digestEmail: "on", alertEmail: "false" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await prefs()).toEqual({ digest: true, alert: false });
    expect(await updateNotificationPrefsAction({ businessId })).toMatchObject({ ok: true });
    expect(await prefs()).toEqual({ digest: false, alert: false });
  });

  it("connect QuickBooks: replace='false' does not allow replacing the company (which would wipe the mirror)", async () => {
    Object.assign(process.env, {
      QBO_ENVIRONMENT: "emulator",
      QBO_BASE_URL: "http://127.0.0.1:9",
      QBO_CLIENT_ID: "emulator-client-id",
      QBO_CLIENT_SECRET: "emulator-client-secret",
    });
    resetEnvForTests();
    setSessionUserForTests(owner);
    const states = async () =>
      (await h.db.select().from(qboOauthStates).where(eq(qboOauthStates.businessId, businessId)))
        .map((s) => s.allowRealmChange)
        .sort();
    // The action ends in a redirect to Intuit's authorize page (Next's redirect throws).
    const start = async (input: Record<string, string>) => {
      await expect(connectQuickBooksAction({ businessId, ...input })).rejects.toThrow("NEXT_REDIRECT");
    };
    await start({ replace: "false" });
    expect(await states()).toEqual([false]);
    await start({});
    expect(await states()).toEqual([false, false]);
    await start({ replace: "on" });
    expect(await states()).toEqual([false, false, true]);
  });
});
