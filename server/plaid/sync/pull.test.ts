import type { Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import type { TSyncPage } from "../client";
import { PlaidRailError } from "../errors";
import { pullPass } from "./pull";

const t = (id: string, amount = 1) => ({ transaction_id: id, amount }) as Transaction;
const page = (o: Partial<TSyncPage>): TSyncPage => ({
  accounts: [],
  added: [],
  modified: [],
  removed: [],
  nextCursor: "c",
  hasMore: false,
  ...o,
});
const mutation = () =>
  new PlaidRailError(
    "transient",
    "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
    "TRANSACTIONS_ERROR",
    "m",
    400,
    null,
    null,
  );

/** A scripted Plaid: each call answers the next scripted page (or throws it), and records its cursor. */
function scripted(answers: (TSyncPage | Error)[]) {
  const cursors: (string | null)[] = [];
  return {
    cursors,
    rail: {
      syncPage: async (_ref: unknown, cursor: string | null) => {
        cursors.push(cursor);
        const a = answers.shift();
        if (!a) throw new Error("no more pages");
        if (a instanceof Error) throw a;
        return a;
      },
    },
  };
}
const ref = { itemId: "i", accessToken: "a" };

describe("one /transactions/sync pass", () => {
  it("pages until has_more is false, merging net changes; the final cursor and the last page's accounts", async () => {
    const s = scripted([
      page({ added: [t("a"), t("b")], nextCursor: "c1", hasMore: true }),
      page({
        modified: [t("a", 2)],
        removed: [{ transaction_id: "b", account_id: "x" }],
        nextCursor: "c2",
        hasMore: true,
      }),
      page({
        added: [t("b", 3)],
        removed: [{ transaction_id: "z", account_id: "x" }],
        nextCursor: "c3",
        accounts: [{ account_id: "x" } as never],
      }),
    ]);
    const p = await pullPass(s.rail, ref, "c0");
    expect(s.cursors).toEqual(["c0", "c1", "c2"]);
    expect(p.upserts.map((x) => [x.transaction_id, x.amount])).toEqual([
      ["a", 2],
      ["b", 3],
    ]);
    expect(p.removed).toEqual(["z"]);
    expect([p.fromCursor, p.nextCursor, p.pages, p.restarts, p.accounts.length]).toEqual([
      "c0",
      "c3",
      3,
      0,
      1,
    ]);
  });

  it("a removal after an upsert within the pass wins", async () => {
    const s = scripted([
      page({ added: [t("a")], nextCursor: "c1", hasMore: true }),
      page({ removed: [{ transaction_id: "a", account_id: "x" }], nextCursor: "c2" }),
    ]);
    const p = await pullPass(s.rail, ref, null);
    expect([p.upserts, p.removed]).toEqual([[], ["a"]]);
  });

  it("a mutation during pagination discards what was fetched and restarts from the pass's first cursor", async () => {
    const s = scripted([
      page({ added: [t("stale")], nextCursor: "c1", hasMore: true }),
      mutation(),
      page({ added: [t("fresh")], nextCursor: "c9" }),
    ]);
    const p = await pullPass(s.rail, ref, "c0");
    expect(s.cursors).toEqual(["c0", "c1", "c0"]);
    expect(p.upserts.map((x) => x.transaction_id)).toEqual(["fresh"]);
    expect([p.restarts, p.pages, p.nextCursor]).toEqual([1, 2, "c9"]);
  });

  it("gives up after maxRestarts, and passes any other error straight on", async () => {
    const s = scripted([mutation(), mutation(), mutation()]);
    await expect(pullPass(s.rail, ref, null, { maxRestarts: 2 })).rejects.toMatchObject({
      code: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
    });
    expect(s.cursors).toHaveLength(3);
    const d = scripted([mutation(), mutation(), mutation(), mutation(), page({})]);
    await expect(pullPass(d.rail, ref, null)).rejects.toBeInstanceOf(PlaidRailError);
    expect(d.cursors).toHaveLength(4);
    const other = scripted([
      new PlaidRailError("needs_user", "ITEM_LOGIN_REQUIRED", "ITEM_ERROR", "m", 400, null, null),
    ]);
    await expect(pullPass(other.rail, ref, null)).rejects.toMatchObject({ code: "ITEM_LOGIN_REQUIRED" });
    expect(other.cursors).toHaveLength(1);
    const plain = scripted([new Error("boom")]);
    await expect(pullPass(plain.rail, ref, null)).rejects.toThrow("boom");
  });

  it("asks for the page size it is given", async () => {
    const counts: (number | undefined)[] = [];
    await pullPass(
      {
        syncPage: async (_r, _c, count) => {
          counts.push(count);
          return page({});
        },
      },
      ref,
      null,
      {
        count: 50,
      },
    );
    expect(counts).toEqual([50]);
  });
});
