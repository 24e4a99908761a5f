// @ts-nocheck
import type { TQboConfig } from "../env";

/**
 * Deep links to a record in QuickBooks Online (the prep tray's "fix it in QuickBooks"). Intuit's
 * app hosts differ for production and the sandbox; the project's emulator serves a read-only
 * page per record at the same paths, with the realm in the query (it hosts many companies).
 */
const PAGES = {
  bill: ["bill", "txnId"],
  invoice: ["invoice", "txnId"],
  expense: ["expense", "txnId"],
  recvpayment: ["recvpayment", "txnId"],
  creditmemo: ["creditmemo", "txnId"],
  vendorcredit: ["vendorcredit", "txnId"],
  customer: ["customerdetail", "nameId"],
  vendor: ["vendordetail", "nameId"],
} as const;
export type TQboPage = keyof typeof PAGES;

export function qboRecordUrl(
  config: TQboConfig | null,
  realmId: string | null,
  page: TQboPage,
  id: string,
): string {
  const [path, param] = PAGES[page];
  const host =
    config?.environment === "emulator"
      ? config.apiBaseUrl.replace(/\/$/, "")
      : config?.environment === "sandbox"
        ? "https://app.sandbox.qbo.intuit.com"
        : "https://app.qbo.intuit.com";
  const realm =
    config?.environment === "emulator" && realmId ? `&realmId=${encodeURIComponent(realmId)}` : "";
  return `${host}/app/${path}?${param}=${encodeURIComponent(id)}${realm}`;
}
