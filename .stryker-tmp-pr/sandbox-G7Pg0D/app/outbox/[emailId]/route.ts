// @ts-nocheck
import { getDb } from "@/server/db/client";
import { getOutboxEmail } from "@/server/email/list-outbox";

export const dynamic = "force-dynamic";

/** Demo mode only: an email's HTML as its recipient would see it (404 in production). */
export async function GET(_req: Request, { params }: { params: Promise<{ emailId: string }> }) {
  const { emailId } = await params;
  const mail = await getOutboxEmail({ db: await getDb(), emailId });
  if (!mail?.html) return new Response("Not found", { status: 404 });
  return new Response(mail.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      // Emails carry no scripts; make sure none could run here.
      "content-security-policy": "script-src 'none'; frame-ancestors 'self'",
    },
  });
}
