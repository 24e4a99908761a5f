import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions/auth";
import { ActionForm } from "@/components/ui/action-form";
import { NavLink } from "./nav-link";

export type TShellProps = {
  userEmail: string | null;
  current?: { id: string; name: string; roleLabel: string; trayCount?: number };
  businesses: { id: string; name: string; roleLabel: string }[];
  firms: { id: string; name: string }[];
  children: ReactNode;
};

/** The signed-in frame: brand, business switcher, the business's sections, firm portfolio, sign out. */
export function AppShell({ userEmail, current, businesses, firms, children }: TShellProps) {
  const others = businesses.filter((b) => b.id !== current?.id);
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight">
            Oodaloo
          </Link>
          {current && (
            <details className="relative">
              <summary
                className="cursor-pointer list-none rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
                aria-label={`Current business: ${current.name}. Switch business`}
              >
                <span className="font-medium">{current.name}</span>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">· {current.roleLabel}</span> ▾
              </summary>
              <div className="absolute z-10 mt-1 w-72 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
                {others.length === 0 && (
                  <p className="px-3 py-2 text-sm text-zinc-500">No other businesses</p>
                )}
                {others.map((b) => (
                  <Link
                    key={b.id}
                    href={`/b/${b.id}`}
                    className="block rounded px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    {b.name} <span className="text-zinc-500">· {b.roleLabel}</span>
                  </Link>
                ))}
                <Link
                  href="/onboarding"
                  className="block rounded px-3 py-2 text-sm text-indigo-700 hover:bg-zinc-100 dark:text-indigo-300 dark:hover:bg-zinc-800"
                >
                  + Add a business
                </Link>
              </div>
            </details>
          )}
          <div className="ml-auto flex items-center gap-3">
            {userEmail && (
              <span className="hidden text-sm text-zinc-600 sm:inline dark:text-zinc-400">{userEmail}</span>
            )}
            <ActionForm action={signOutAction} submitLabel="Sign out" variant="secondary" className="" />
          </div>
        </div>
        <nav aria-label="Sections" className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 pb-2">
          {current && (
            <>
              <NavLink href={`/b/${current.id}`} label="Digest" exact />
              <NavLink href={`/b/${current.id}/digests`} label="Past digests" />
              <NavLink href={`/b/${current.id}/tray`} label="Prep tray" count={current.trayCount} />
              <NavLink href={`/b/${current.id}/decisions`} label="Decisions" />
              <NavLink href={`/b/${current.id}/scenarios`} label="Scenarios" />
              <NavLink href={`/b/${current.id}/reserve`} label="Reserve" />
              <NavLink href={`/b/${current.id}/connections`} label="Connections" />
              <NavLink href={`/b/${current.id}/settings`} label="Settings" />
            </>
          )}
          {firms.map((f) => (
            <NavLink
              key={f.id}
              href={`/firm/${f.id}`}
              label={firms.length > 1 ? `Portfolio · ${f.name}` : "Portfolio"}
            />
          ))}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
