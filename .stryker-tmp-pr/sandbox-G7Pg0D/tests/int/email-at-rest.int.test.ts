// @ts-nocheck
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { emails, invitations } from "@/server/db/schema";
import { storedCopy } from "@/server/email/send-email";
import { resetEnvForTests } from "@/server/env";
import { inviteMember } from "@/server/members/invite-member";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/** The smallest SMTP server that accepts mail (nodemailer speaks to it as to any other). */
function smtpSink() {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let body = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      for (const line of chunk.toString().split("\r\n")) {
        if (data) {
          if (line === ".") {
            data = false;
            received.push(body);
            body = "";
            socket.write("250 OK\r\n");
          } else body += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") socket.write("250 sink\r\n");
        else if (cmd === "MAIL" || cmd === "RCPT") socket.write("250 OK\r\n");
        else if (cmd === "DATA") {
          data = true;
          socket.write("354 go\r\n");
        } else if (cmd === "QUIT") socket.end("221 bye\r\n");
        else if (line) socket.write("250 OK\r\n");
      }
    });
  });
  return { server, received };
}

/**
 * Finding 9: sign-in, invitation and digest links were stored in plaintext in the emails table,
 * in production too. Outside demo mode the stored copy keeps no link; an invitation whose email
 * cannot be sent is revoked (its token existed only in that email).
 */
describe(`no usable link at rest (${testBackend})`, () => {
  let h: TestDatabase;
  let sink: ReturnType<typeof smtpSink>;
  let port: number;
  const saved = { ...process.env };
  const clock = { now: () => new Date() };
  beforeAll(async () => {
    h = await useTestDatabase();
    sink = smtpSink();
    await new Promise<void>((r) => sink.server.listen(0, "127.0.0.1", r));
    port = (sink.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    await new Promise((r) => sink?.server.close(r));
    await h?.close();
  });
  const production = (smtpPort: number) => {
    Object.assign(process.env, {
      OODALOO_MODE: "production",
      AUTH_SECRET: "s".repeat(40),
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      APP_URL: "https://app.example.com",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
    });
    delete process.env.INNGEST_DEV; // production refuses it (finding 15)
    resetEnvForTests();
  };

  it("storedCopy: the demo keeps the message; production keeps no URL and no HTML", () => {
    const m = {
      to: "a@example.test",
      subject: "s",
      kind: "magic_link",
      text: "Sign in: https://app.example.com/api/auth/callback/email?token=abc123&email=a\n\nThanks",
      html: '<a href="https://app.example.com/api/auth/callback/email?token=abc123">Sign in</a>',
    };
    expect(storedCopy(m, "demo")).toEqual({ text: m.text, html: m.html });
    expect(storedCopy(m, "production")).toEqual({ text: "Sign in: [link]\n\nThanks", html: null });
  });

  it("in production an invitation is emailed with its link, and the emails table keeps none", async () => {
    production(port);
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    await inviteMember({
      db: h.db,
      ctx,
      input: { email: "new@example.test", role: "viewer" },
      clock,
      appUrl: "https://app.example.com",
    });
    // The recipient got the link …
    const sent = sink.received.at(-1)!;
    const link = /https:\/\/app\.example\.com\/invite\/([A-Za-z0-9_=-]+)/.exec(sent.replace(/=\n/g, ""));
    expect(link, sent).not.toBeNull();
    // … and the stored copy has no trace of its token.
    const [row] = await h.db.select().from(emails).where(eq(emails.toAddress, "new@example.test"));
    expect(row).toMatchObject({ status: "sent", html: null });
    expect(row!.text).toContain("Accept the invitation: [link]");
    expect(row!.text).not.toContain(link![1]!);
  });

  it("in production a failed send revokes the invitation whose only copy of the token was in that email", async () => {
    production(1); // nothing listens on port 1
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    await expect(
      inviteMember({
        db: h.db,
        ctx,
        input: { email: "lost@example.test", role: "viewer" },
        clock,
        appUrl: "https://app.example.com",
      }),
    ).rejects.toMatchObject({ code: "upstream" });
    const [inv] = await h.db.select().from(invitations).where(eq(invitations.email, "lost@example.test"));
    expect(inv!.revokedAt).not.toBeNull();
    const [row] = await h.db.select().from(emails).where(eq(emails.toAddress, "lost@example.test"));
    expect(row).toMatchObject({ status: "failed", html: null });
    expect(row!.text).not.toMatch(/https?:\/\//);
  });
});
