// @ts-nocheck
import Link from "next/link";
import { notFound } from "next/navigation";
import { DigestView } from "@/components/digest/digest-view";
import { PageHeader } from "@/components/ui/primitives";
import { formatDate, formatDateTime } from "@/lib/format";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { getStoredDigest } from "@/server/digest/digests";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Digest" };

export default async function StoredDigest({
  params,
}: {
  params: Promise<{ businessId: string; digestId: string }>;
}) {
  const { businessId, digestId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/digests/${digestId}`);
  const digest = await getStoredDigest({ db: await getDb(), businessId: ctx.businessId, digestId });
  if (!digest) notFound();
  return (
    <>
      <PageHeader
        title={`Digest of ${formatDate(digest.asOf)}`}
        lead={`${ctx.business.name} · as sent ${formatDateTime(digest.createdAt, ctx.business.timezone)}; figures are not recomputed`}
      >
        <Link
          href={`/b/${ctx.businessId}/digests`}
          className="text-sm text-indigo-700 underline dark:text-indigo-300"
        >
          All past digests
        </Link>
      </PageHeader>
      <DigestView snapshot={digest.snapshot} now={getClock().now()} />
    </>
  );
}
