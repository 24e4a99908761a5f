import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { roleLabel } from "@/server/access/permissions";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
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
  const nav = await getNavigation({ db: await getDb(), userId: ctx.userId, clock: getClock() });
  return (
    <AppShell
      userEmail={nav.email}
      current={{ id: ctx.businessId, name: ctx.business.name, roleLabel: roleLabel[ctx.role] }}
      businesses={nav.businesses}
      firms={nav.firms}
    >
      {children}
    </AppShell>
  );
}
