// @ts-nocheck
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { roleLabel } from "@/server/access/permissions";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { pageTrayCount, requireBusinessContext } from "@/server/edge/page-context";
import { getNavigation } from "@/server/users/get-navigation";

export default async function BusinessLayout({
  params,
  children,
}: {
  params: Promise<{ businessId: string }>;
  children: ReactNode;
}) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId);
  const db = await getDb();
  const [nav, tray] = await Promise.all([
    getNavigation({ db, userId: ctx.userId, clock: getClock() }),
    pageTrayCount(ctx.businessId),
  ]);
  return (
    <AppShell
      userEmail={nav.email}
      current={{
        id: ctx.businessId,
        name: ctx.business.name,
        roleLabel: roleLabel[ctx.role],
        trayCount: tray,
      }}
      businesses={nav.businesses}
      firms={nav.firms}
    >
      {children}
    </AppShell>
  );
}
