// @ts-nocheck
import { describe, expect, it } from "vitest";
import {
  can,
  roleLabel,
  type TBusinessRole,
  type TCapability,
  ZBusinessRole,
  ZMemberRole,
} from "./permissions";

const closed = { allowBookkeeperCommit: false, allowAdvisorCommit: false };
const open = { allowBookkeeperCommit: true, allowAdvisorCommit: true };

// The design's table (design.md §3), written out by hand.
const expected: Record<TCapability, Record<TBusinessRole, boolean>> = {
  view: { owner: true, bookkeeper: true, viewer: true, advisor: true },
  manageConnection: { owner: true, bookkeeper: true, viewer: false, advisor: false },
  manageMembers: { owner: true, bookkeeper: false, viewer: false, advisor: false },
  prepare: { owner: true, bookkeeper: true, viewer: false, advisor: true },
  commit: { owner: true, bookkeeper: false, viewer: false, advisor: false },
  sendDigest: { owner: true, bookkeeper: false, viewer: false, advisor: true },
};

describe("role table", () => {
  for (const [capability, row] of Object.entries(expected)) {
    for (const [role, allowed] of Object.entries(row)) {
      it(`${role} ${allowed ? "may" : "may not"} ${capability}`, () => {
        expect(can(role as TBusinessRole, capability as TCapability, closed)).toBe(allowed);
      });
    }
  }

  it("commit opens to bookkeepers and advisors only when the owner allows it; never to viewers", () => {
    expect(can("bookkeeper", "commit", open)).toBe(true);
    expect(can("advisor", "commit", open)).toBe(true);
    expect(can("viewer", "commit", open)).toBe(false);
    expect(can("bookkeeper", "commit", { ...closed, allowBookkeeperCommit: true })).toBe(true);
    expect(can("advisor", "commit", { ...closed, allowBookkeeperCommit: true })).toBe(false);
  });
});

describe("roles", () => {
  it("a business has four roles, a member one of three (advisors come through a firm), each with its label", () => {
    expect(ZBusinessRole.options).toEqual(["owner", "bookkeeper", "viewer", "advisor"]);
    expect(ZMemberRole.options).toEqual(["owner", "bookkeeper", "viewer"]);
    expect(ZMemberRole.safeParse("advisor").success).toBe(false);
    expect(roleLabel).toEqual({
      owner: "Owner",
      bookkeeper: "Bookkeeper",
      viewer: "Viewer",
      advisor: "Advisor",
    });
  });
});
