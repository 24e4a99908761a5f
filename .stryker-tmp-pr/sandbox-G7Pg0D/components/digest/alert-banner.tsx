// @ts-nocheck
import Link from "next/link";

/** Open projection alerts: what crosses the threshold, when, by how much, and the two biggest drivers. */
export function AlertBanner({
  alerts,
  settingsHref,
}: {
  alerts: { id: string; title: string; lines: string[] }[];
  settingsHref: string | null;
}) {
  return (
    <section
      aria-labelledby="alerts-heading"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <h2 id="alerts-heading" className="sr-only">
        Alerts
      </h2>
      <ul className="space-y-3">
        {alerts.map((a) => (
          <li key={a.id} data-testid="runway-alert">
            <p className="font-semibold">{a.title}</p>
            <ul className="mt-1 space-y-0.5 text-sm">
              {a.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {settingsHref && (
        <p className="mt-2 text-sm">
          <Link href={settingsHref} className="underline">
            Change the alert threshold
          </Link>
        </p>
      )}
    </section>
  );
}
