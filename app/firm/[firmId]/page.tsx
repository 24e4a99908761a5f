import Link from "next/link";
import { AppShell } from "@/components/shell/app-shell";
import { EmptyState, PageHeader } from "@/components/ui/primitives";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { pageError, requireUserId } from "@/server/edge/page-context";
import { getFirmPortfolio } from "@/server/firms/get-firm-portfolio";
import { getNavigation } from "@/server/users/get-navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Portfolio" };

export default async function Portfolio({ params }: { params: Promise<{ firmId: string }> }) {
  const { firmId } = await params;
  const userId = await requireUserId(`/firm/${firmId}`);
  const db = await getDb();
  const portfolio = await getFirmPortfolio({ db, userId, firmId }).catch(pageError);
  const nav = await getNavigation({ db, userId, clock: getClock() });
  return (
    <AppShell userEmail={nav.email} businesses={nav.businesses} firms={nav.firms}>
      <PageHeader title="Portfolio" lead={`${portfolio.firm.name} · ${portfolio.clients.length} clients`} />
      {portfolio.clients.length === 0 ? (
        <EmptyState title="No clients yet">
          <p>
            A business owner grants your firm access from their settings. Their business then appears here.
          </p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Client businesses</caption>
            <thead className="bg-zinc-50 text-zinc-500 dark:bg-zinc-950">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Client
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Runway
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Access since
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {portfolio.clients.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2">
                    <Link
                      href={`/b/${c.id}`}
                      className="font-medium text-indigo-700 underline dark:text-indigo-300"
                    >
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-zinc-600 dark:text-zinc-400">QuickBooks not connected</td>
                  <td className="px-4 py-2">{c.grantedAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
