// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { DB } from "../db/client";
import { emails } from "../db/schema";
import { getEnv } from "../env";

export type TEmailMessage = { to: string; subject: string; text: string; html?: string; kind: string };

const g = globalThis as unknown as { __oodalooMailers?: Map<string, nodemailer.Transporter> };

function transport(url: string): nodemailer.Transporter {
  g.__oodalooMailers ??= new Map();
  let t = g.__oodalooMailers.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    g.__oodalooMailers.set(url, t);
  }
  return t;
}

/**
 * What the emails table keeps of a message. Sign-in, invitation, digest and unsubscribe links
 * are credentials (finding 9: a link read from the table signed in), so outside demo mode no link
 * is stored: every URL becomes "[link]" and the HTML is not kept. Only the demo, whose /outbox
 * page stands in for a mailbox, keeps the message whole.
 */
export function storedCopy(message: TEmailMessage, mode: "demo" | "production") {
  if (mode === "demo") return { text: message.text, html: message.html ?? null };
  return { text: message.text.replace(/\bhttps?:\/\/[^\s<>"')]+/gi, "[link]"), html: null };
}

/**
 * Store every email (see storedCopy), then send it through SMTP when SMTP_URL is configured.
 * Without SMTP (only possible in demo mode — production requires it) the email stays in the
 * outbox table, which the demo-only /outbox page shows. A failed send is kept as `failed` with
 * the error and re-thrown; the caller revokes whatever token the lost link carried.
 */
export async function sendEmail({
  db,
  message,
}: {
  db: DB;
  message: TEmailMessage;
}): Promise<{ id: string }> {
  const env = getEnv();
  const [row] = await db
    .insert(emails)
    .values({
      toAddress: message.to,
      subject: message.subject,
      ...storedCopy(message, env.mode),
      kind: message.kind,
      status: "outbox",
    })
    .returning({ id: emails.id });
  const id = row!.id;
  if (!env.smtpUrl) return { id };
  try {
    await transport(env.smtpUrl).sendMail({
      from: env.emailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    await db.update(emails).set({ status: "sent", sentAt: new Date() }).where(eq(emails.id, id));
    return { id };
  } catch (err) {
    await db
      .update(emails)
      .set({ status: "failed", error: err instanceof Error ? err.message : String(err) })
      .where(eq(emails.id, id));
    throw err;
  }
}
