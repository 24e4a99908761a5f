// @ts-nocheck
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readFixture } from "../../qbo-emulator/test-support";
import { parseNotifications, verifySignature } from "./webhooks";

const sign = (body: string, token: string) =>
  createHmac("sha256", token).update(body, "utf8").digest("base64");

describe("webhook signatures fail closed at the function that decides", () => {
  const body = '{"eventNotifications":[]}';
  it("accepts exactly the HMAC of the raw body with the verifier token", () => {
    expect(verifySignature(body, sign(body, "verifier-1"), "verifier-1")).toBe(true);
    // The body's bytes as UTF-8, whatever it holds.
    const accented = '{"name":"Café Müller"}';
    const utf8 = createHmac("sha256", "verifier-1").update(Buffer.from(accented, "utf8")).digest("base64");
    expect(verifySignature(accented, utf8, "verifier-1")).toBe(true);
  });
  it("refuses everything when no verifier token is configured, even a signature made with an empty key", () => {
    expect(verifySignature(body, sign(body, ""), undefined)).toBe(false);
    expect(verifySignature(body, sign(body, ""), "")).toBe(false);
  });
  it("refuses a missing, wrong, truncated or other-body signature", () => {
    expect(verifySignature(body, null, "verifier-1")).toBe(false);
    expect(verifySignature(body, "", "verifier-1")).toBe(false);
    expect(verifySignature(body, sign(body, "verifier-2"), "verifier-1")).toBe(false);
    expect(verifySignature(body, sign(body, "verifier-1").slice(0, 20), "verifier-1")).toBe(false);
    expect(verifySignature(`${body} `, sign(body, "verifier-1"), "verifier-1")).toBe(false);
  });
});

describe("webhook payloads", () => {
  it("legacy: one notification per entity, with its name and id", () => {
    const n = parseNotifications(readFixture("webhook-legacy.intuit-docs.json"))!;
    expect(n.length).toBeGreaterThan(0);
    for (const x of n) {
      expect(x.entity).toMatch(/^[A-Z]/);
      expect(x.entityId).toMatch(/\S/);
      expect(x.key).toContain(`${x.entity}:${x.entityId}:`);
    }
  });
  it("CloudEvents: the entity from the type, in the API's spelling, and the entity id", () => {
    const [n] = parseNotifications(readFixture("webhook-cloudevents.intuit-blog-2025.json"))!;
    expect(n).toEqual({
      realmId: "310687",
      key: "ce:88cd52aa-33b6-4351-9aa4-47572edbd068",
      entity: "Account",
      entityId: "1234",
    });
    const [bp] = parseNotifications(
      JSON.stringify([
        { id: "e1", type: "qbo.billpayment.updated.v1", intuitaccountid: "9", intuitentityid: "5" },
      ]),
    )!;
    expect(bp!.entity).toBe("BillPayment");
  });
  it("a realm without a change event announces nothing; a change without its time still has a key", () => {
    expect(parseNotifications(JSON.stringify({ eventNotifications: [{ realmId: "1" }] }))).toEqual([]);
    expect(
      parseNotifications(
        JSON.stringify({
          eventNotifications: [
            { realmId: "1", dataChangeEvent: { entities: [{ name: "Bill", id: "5", operation: "Create" }] } },
          ],
        }),
      ),
    ).toEqual([{ realmId: "1", key: "Bill:5:Create:", entity: "Bill", entityId: "5" }]);
    const [u] = parseNotifications(
      JSON.stringify([{ id: "e", type: "qbo.widget.created.v1", intuitaccountid: "2" }]),
    )!;
    expect(u).toEqual({ realmId: "2", key: "ce:e", entity: "widget", entityId: null });
    expect(
      parseNotifications(JSON.stringify([{ id: "e", type: "qbo", intuitaccountid: "2" }]))![0]!.entity,
    ).toBeNull();
  });

  it("anything else is not a payload", () => {
    expect(parseNotifications("not json")).toBeNull();
    expect(parseNotifications('{"hello":1}')).toBeNull();
  });
});
