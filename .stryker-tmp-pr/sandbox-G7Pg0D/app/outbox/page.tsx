// @ts-nocheck
import { notFound } from "next/navigation";
import { getDb } from "@/server/db/client";
import { listOutbox } from "@/server/email/list-outbox";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Outbox (demo)" };

/** Demo mode only: the emails the app would have sent. Answers 404 in production. */
export default async function Outbox() {
  if (getEnv().mode !== "demo") notFound();
  const mails = await listOutbox({ db: await getDb() });
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Demo mode keeps emails here instead of sending them (set <code>SMTP_URL</code> to send). Newest first.
      </p>
      {mails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          No emails yet. Ask for a sign-in link on the sign-in page and it appears here.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {mails.map((m) => (
            <li
              key={m.id}
              className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <article aria-label={`Email to ${m.toAddress}: ${m.subject}`}>
                <p className="text-sm text-zinc-500">
                  To <strong className="text-zinc-900 dark:text-zinc-100">{m.toAddress}</strong> ·{" "}
                  {m.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                </p>
                <h2 className="mt-1 font-semibold">{m.subject}</h2>
                <p className="mt-2 whitespace-pre-wrap break-all text-sm">
                  {m.text.split(/(https?:\/\/\S+?)(?=[.,;:)\]]*(?:\s|$))/).map((part, i) =>
                    /^https?:\/\//.test(part) ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed split of one text
                      <a key={i} href={part} className="text-indigo-700 underline dark:text-indigo-300">
                        {part}
                      </a>
                    ) : (
                      part
                    ),
                  )}
                </p>
                {m.html && (
                  <p className="mt-3 text-sm">
                    <a href={`/outbox/${m.id}`} className="text-indigo-700 underline dark:text-indigo-300">
                      Show the HTML email
                    </a>
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
