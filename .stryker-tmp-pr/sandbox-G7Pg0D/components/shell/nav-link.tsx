// @ts-nocheck
"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({
  href,
  label,
  exact = false,
  count,
}: {
  href: string;
  label: string;
  exact?: boolean;
  /** A number of things waiting there (the prep tray's items); hidden when 0 or unknown. */
  count?: number;
}) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      // Every section is rendered per request (it reads the session and live data); prefetching
      // them all on each page would only add server work.
      prefetch={false}
      aria-current={active ? "page" : undefined}
      className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
        active
          ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
          : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      }`}
    >
      {label}
      {count ? (
        <span
          className="ml-1.5 rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold text-white"
          data-testid="nav-count"
        >
          {count}
          <span className="sr-only"> to fix</span>
        </span>
      ) : null}
    </Link>
  );
}
