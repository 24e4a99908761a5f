// @ts-nocheck
import { z } from "zod";

/** Roles within one business. Advisors reach a business through their firm's grant. */
export const ZBusinessRole = z.enum(["owner", "bookkeeper", "viewer", "advisor"]);
export type TBusinessRole = z.infer<typeof ZBusinessRole>;

export const ZMemberRole = z.enum(["owner", "bookkeeper", "viewer"]);
export type TMemberRole = z.infer<typeof ZMemberRole>;

/** The design's role table (design.md §3), one capability per row. */
export type TCapability =
  | "view" // digest, tray, decisions, portfolio row
  | "manageConnection" // connect / disconnect QuickBooks, sync now
  | "manageMembers" // invite members, change roles, grant/revoke firm access, business settings
  | "prepare" // dismiss tray items, try decisions, edit reserves
  | "commit" // commit decisions, record payments in QBO, send reminders
  | "sendDigest"; // send the digest now, set alert thresholds

export type TCommitPolicy = { allowBookkeeperCommit: boolean; allowAdvisorCommit: boolean };

const table: Record<Exclude<TCapability, "commit">, readonly TBusinessRole[]> = {
  view: ["owner", "bookkeeper", "viewer", "advisor"],
  manageConnection: ["owner", "bookkeeper"],
  manageMembers: ["owner"],
  prepare: ["owner", "bookkeeper", "advisor"],
  sendDigest: ["owner", "advisor"],
};

export function can(role: TBusinessRole, capability: TCapability, policy: TCommitPolicy): boolean {
  if (capability === "commit") {
    return (
      role === "owner" ||
      (role === "bookkeeper" && policy.allowBookkeeperCommit) ||
      (role === "advisor" && policy.allowAdvisorCommit)
    );
  }
  return table[capability].includes(role);
}

export const roleLabel: Record<TBusinessRole, string> = {
  owner: "Owner",
  bookkeeper: "Bookkeeper",
  viewer: "Viewer",
  advisor: "Advisor",
};
