// @ts-nocheck
import Link from "next/link";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {lead && <p className="mt-1 text-zinc-600 dark:text-zinc-400">{lead}</p>}
      </div>
      {children}
    </header>
  );
}

export function Card({
  title,
  children,
  className,
}: {
  title?: string;
  children: ReactNode;
  className?: string;
}) {
  // A titled card is a named region (its heading labels it), so assistive tech can jump to it.
  const headingId = title ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${className ?? ""}`}
    >
      {title && (
        <h2 id={headingId} className="mb-3 text-base font-semibold">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}

/** What a list or page shows when there is nothing yet: what it is, and what to do next. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: { href: string; label: string };
}) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children && (
        <div className="mx-auto mt-2 max-w-prose text-zinc-600 dark:text-zinc-400">{children}</div>
      )}
      {action && (
        <Link
          href={action.href}
          className="mt-4 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {action.label}
        </Link>
      )}
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden
      className={`animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${className ?? "h-4 w-full"}`}
    />
  );
}
