// @ts-nocheck
import { describe, expect, it } from "vitest";
import type { TSyncedEntity } from "../mappers";
import { CDC_CAP, halves, judgeCdcAnswer } from "./cdc-window";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: String(i + 1) }));
const answer = (lists: Record<string, unknown[]>[]) => ({
  CDCResponse: [{ QueryResponse: lists }],
  time: "2026-11-20T09:15:00-08:00",
});

describe("the CDC window", () => {
  it("the cap is QuickBooks' 1000 objects", () => {
    expect(CDC_CAP).toBe(1000);
  });

  it("an answer one object below the cap across entities is applied whole", () => {
    const a = judgeCdcAnswer(answer([{ Invoice: rows(600) }, { Bill: rows(399) }]), ["Invoice", "Bill"]);
    expect(a.kind).toBe("apply");
    if (a.kind !== "apply") return;
    expect(a.total).toBe(999);
    expect(a.byEntity.get("Invoice")).toHaveLength(600);
    expect(a.byEntity.get("Bill")).toHaveLength(399);
  });

  it("an answer exactly at the cap may be truncated: split by entities, the first half the larger", () => {
    const a = judgeCdcAnswer(answer([{ Invoice: rows(600) }, { Bill: rows(400) }]), [
      "Invoice",
      "Bill",
      "Vendor",
    ]);
    expect(a).toEqual({ kind: "split", halves: [["Invoice", "Bill"], ["Vendor"]] });
  });

  it("a single entity exactly at the cap is re-paged rather than split", () => {
    expect(judgeCdcAnswer(answer([{ Invoice: rows(CDC_CAP) }]), ["Invoice"])).toEqual({
      kind: "repage",
      entity: "Invoice",
    });
  });

  it("only the entities asked for count toward the cap and are applied", () => {
    const a = judgeCdcAnswer(answer([{ Invoice: rows(10) }, { Bill: rows(995) }]), ["Invoice"]);
    expect(a.kind).toBe("apply");
    if (a.kind !== "apply") return;
    expect(a.total).toBe(10);
    expect([...a.byEntity.keys()]).toEqual(["Invoice"]);
  });

  it("one entity listed in two parts of the answer keeps every row", () => {
    const a = judgeCdcAnswer(answer([{ Invoice: rows(3) }, { Invoice: rows(2) }]), ["Invoice"]);
    expect(a.kind === "apply" && a.byEntity.get("Invoice")).toHaveLength(5);
  });

  it("an answer without lists (no changes, or an unexpected shape) applies nothing", () => {
    for (const res of [
      {},
      { CDCResponse: [] },
      { CDCResponse: [{}] },
      { CDCResponse: "x" },
      answer([{ Invoice: "x" as never }]),
    ]) {
      const a = judgeCdcAnswer(res as Record<string, unknown>, ["Invoice"]);
      expect(a).toEqual({ kind: "apply", byEntity: new Map(), total: 0 });
    }
  });

  it("halves: odd lists give the extra entity to the first half; nothing is lost or repeated", () => {
    const list: TSyncedEntity[] = ["Invoice", "Bill", "Vendor", "Customer", "Account"];
    expect(halves(list)).toEqual([
      ["Invoice", "Bill", "Vendor"],
      ["Customer", "Account"],
    ]);
    expect(halves(["Invoice", "Bill"])).toEqual([["Invoice"], ["Bill"]]);
    expect(halves(["Invoice"])).toEqual([["Invoice"], []]);
  });
});
