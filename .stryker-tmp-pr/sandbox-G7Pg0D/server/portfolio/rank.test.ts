// @ts-nocheck
import { describe, expect, it } from "vitest";
import { rankPortfolio } from "./rank";

const now = new Date("2026-03-16T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const c = (name: string, over: Partial<Parameters<typeof rankPortfolio>[0][number]> = {}) => ({
  name,
  state: "days",
  runwayDays: 100,
  connection: "active",
  lastSuccessAt: hoursAgo(1),
  syncFailing: false,
  ...over,
});

describe("portfolio ranking", () => {
  it("flagged first, then runway ascending, then not burning; insufficient data apart; ties by name", () => {
    const { ranked, apart } = rankPortfolio(
      [
        c("Fresh long", { runwayDays: 300 }),
        c("Not burning", { state: "notBurning", runwayDays: null }),
        c("Short", { runwayDays: 20 }),
        c("Stale", { runwayDays: 500, lastSuccessAt: hoursAgo(25) }),
        c("New studio", { state: "insufficientData", runwayDays: null }),
        c("Reconnect", { state: "notBurning", runwayDays: null, connection: "needs_reauth" }),
        c("Failing", { runwayDays: 200, syncFailing: true }),
        c("Also short", { runwayDays: 20 }),
      ],
      now,
    );
    expect(ranked.map((r) => [r.name, r.flags])).toEqual([
      ["Failing", ["failing"]],
      ["Stale", ["stale"]],
      ["Reconnect", ["reconnect"]],
      ["Also short", []],
      ["Short", []],
      ["Fresh long", []],
      ["Not burning", []],
    ]);
    expect(apart.map((r) => r.name)).toEqual(["New studio"]);
  });

  it("a client never connected is listed apart with its flag, not as an emergency", () => {
    const { ranked, apart } = rankPortfolio(
      [
        c("Unconnected", {
          state: "insufficientData",
          runwayDays: null,
          connection: "none",
          lastSuccessAt: null,
        }),
      ],
      now,
    );
    expect(ranked).toEqual([]);
    expect(apart.map((r) => [r.name, r.flags])).toEqual([["Unconnected", ["notConnected"]]]);
  });

  it("a client whose first sync has not finished is apart, marked so — not flagged stale, however its empty mirror reads", () => {
    const { ranked, apart } = rankPortfolio(
      [
        c("Just connected", { state: "days", runwayDays: 0, lastSuccessAt: null }),
        c("Short", { runwayDays: 20 }),
      ],
      now,
    );
    expect(ranked.map((r) => r.name)).toEqual(["Short"]);
    expect(apart.map((r) => [r.name, r.flags])).toEqual([["Just connected", ["firstSync"]]]);
    // A first sync that is failing is an emergency like any failing sync.
    const failing = rankPortfolio([c("Stuck", { lastSuccessAt: null, syncFailing: true })], now);
    expect(failing.ranked.map((r) => [r.name, r.flags])).toEqual([["Stuck", ["failing", "firstSync"]]]);
  });
});
