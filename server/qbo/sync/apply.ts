import "server-only";
import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DB } from "../../db/client";
import {
  qboAccounts,
  qboParties,
  qboRaw,
  qboRecurring,
  qboTerms,
  qboTransactionLinks,
  qboTransactions,
} from "../../db/schema";
import {
  mapAccount,
  mapParty,
  mapRecurring,
  mapTerm,
  mapTransaction,
  parseInstant,
  TRANSACTION_ENTITIES,
  type TSyncedEntity,
  type TTransactionEntity,
  type TWireEntity,
  ZTombstone,
  ZWireEntity,
} from "../mappers";

/** `excluded.<column>` for every column but the keys: an upsert that takes the new row. */
function takeExcluded(table: PgTable, keys: string[]): Record<string, SQL> {
  const out: Record<string, SQL> = {};
  for (const [prop, col] of Object.entries(getTableColumns(table))) {
    if (!keys.includes(prop)) out[prop] = sql.raw(`excluded."${col.name}"`);
  }
  return out;
}

const isTransaction = (e: TSyncedEntity): e is TTransactionEntity =>
  (TRANSACTION_ENTITIES as readonly string[]).includes(e);

/**
 * Store a page of entities as QBO sent them, then map what changed into the typed tables — all
 * on the caller's transaction (so a page and its checkpoint commit together). A row is applied
 * only if it is newer: a higher SyncToken, or the same SyncToken with a later LastUpdatedTime
 * (balance-only changes) — or the same second with different content, since LastUpdatedTime has
 * one-second precision and a balance can move twice within it; tombstones soft-delete. Replays and stale webhooks change nothing.
 * Returns how many rows changed.
 */
export async function applyEntities(
  tx: DB,
  businessId: string,
  entity: TSyncedEntity,
  items: unknown[],
  now: Date,
): Promise<number> {
  // Deduplicate within the page: the latest version of each id wins.
  const latest = new Map<
    string,
    { qboId: string; syncToken: number; lastUpdatedAt: Date; deleted: boolean; payload: TWireEntity | null }
  >();
  for (const item of items) {
    const tomb = ZTombstone.safeParse(item);
    const row = tomb.success
      ? {
          qboId: tomb.data.Id,
          syncToken: 0,
          lastUpdatedAt: parseInstant(tomb.data.MetaData.LastUpdatedTime),
          deleted: true,
          payload: null,
        }
      : (() => {
          const w = ZWireEntity.parse(item);
          return {
            qboId: w.Id,
            syncToken: Number(w.SyncToken),
            lastUpdatedAt: parseInstant(w.MetaData.LastUpdatedTime),
            deleted: false,
            payload: w,
          };
        })();
    const prev = latest.get(row.qboId);
    if (!prev || row.lastUpdatedAt >= prev.lastUpdatedAt) latest.set(row.qboId, row);
  }
  if (latest.size === 0) return 0;

  const changed = await tx
    .insert(qboRaw)
    .values(
      [...latest.values()].map((r) => ({
        businessId,
        entity,
        ...r,
        payload: r.payload as Record<string, unknown> | null,
        syncedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [qboRaw.businessId, qboRaw.entity, qboRaw.qboId],
      set: {
        syncToken: sql`case when excluded.deleted then ${qboRaw.syncToken} else excluded.sync_token end`,
        payload: sql`case when excluded.deleted then ${qboRaw.payload} else excluded.payload end`,
        lastUpdatedAt: sql`excluded.last_updated_at`,
        deleted: sql`excluded.deleted`,
        syncedAt: sql`excluded.synced_at`,
      },
      setWhere: sql`(excluded.deleted and not ${qboRaw.deleted} and excluded.last_updated_at >= ${qboRaw.lastUpdatedAt})
        or (not excluded.deleted and not ${qboRaw.deleted} and (excluded.sync_token > ${qboRaw.syncToken}
            or (excluded.sync_token = ${qboRaw.syncToken} and excluded.last_updated_at > ${qboRaw.lastUpdatedAt})
            or (excluded.sync_token = ${qboRaw.syncToken} and excluded.last_updated_at = ${qboRaw.lastUpdatedAt}
                and excluded.payload is distinct from ${qboRaw.payload})))`,
    })
    .returning({ qboId: qboRaw.qboId, deleted: qboRaw.deleted });
  // Rows the guard skipped were still seen (for deletion reconciliation after a full re-page).
  await tx
    .update(qboRaw)
    .set({ syncedAt: now })
    .where(
      and(
        eq(qboRaw.businessId, businessId),
        eq(qboRaw.entity, entity),
        inArray(qboRaw.qboId, [...latest.keys()]),
      ),
    );
  if (changed.length === 0) return 0;

  const live = changed.filter((c) => !c.deleted).map((c) => latest.get(c.qboId)!.payload!);
  const gone = changed.filter((c) => c.deleted).map((c) => c.qboId);
  await mapInto(tx, businessId, entity, live);
  if (gone.length > 0) await markDeleted(tx, businessId, entity, gone);
  return changed.length;
}

async function mapInto(tx: DB, businessId: string, entity: TSyncedEntity, live: TWireEntity[]) {
  if (live.length === 0) return;
  if (entity === "Account") {
    await tx
      .insert(qboAccounts)
      .values(live.map((w) => ({ businessId, ...mapAccount(w), deleted: false })))
      .onConflictDoUpdate({
        target: [qboAccounts.businessId, qboAccounts.qboId],
        set: takeExcluded(qboAccounts, ["businessId", "qboId"]),
      });
  } else if (entity === "Customer" || entity === "Vendor") {
    const kind = entity === "Customer" ? "customer" : "vendor";
    await tx
      .insert(qboParties)
      .values(live.map((w) => ({ businessId, ...mapParty(kind, w), deleted: false })))
      .onConflictDoUpdate({
        target: [qboParties.businessId, qboParties.kind, qboParties.qboId],
        set: takeExcluded(qboParties, ["businessId", "kind", "qboId"]),
      });
  } else if (entity === "Term") {
    await tx
      .insert(qboTerms)
      .values(live.map((w) => ({ businessId, ...mapTerm(w) })))
      .onConflictDoUpdate({
        target: [qboTerms.businessId, qboTerms.qboId],
        set: takeExcluded(qboTerms, ["businessId", "qboId"]),
      });
  } else if (entity === "RecurringTransaction") {
    await tx
      .insert(qboRecurring)
      .values(live.map((w) => ({ businessId, ...mapRecurring(w), deleted: false })))
      .onConflictDoUpdate({
        target: [qboRecurring.businessId, qboRecurring.qboId],
        set: takeExcluded(qboRecurring, ["businessId", "qboId"]),
      });
  } else if (isTransaction(entity)) {
    const mapped = live.map((w) => mapTransaction(entity, w));
    await tx
      .insert(qboTransactions)
      .values(mapped.map((m) => ({ businessId, ...m.txn, deleted: false })))
      .onConflictDoUpdate({
        target: [qboTransactions.businessId, qboTransactions.type, qboTransactions.qboId],
        set: takeExcluded(qboTransactions, ["businessId", "type", "qboId"]),
      });
    await tx.delete(qboTransactionLinks).where(
      and(
        eq(qboTransactionLinks.businessId, businessId),
        eq(qboTransactionLinks.fromType, entity),
        inArray(
          qboTransactionLinks.fromId,
          live.map((w) => w.Id),
        ),
      ),
    );
    const links = mapped.flatMap((m) =>
      m.links.map((l) => ({ businessId, fromType: entity, fromId: m.txn.qboId, ...l })),
    );
    if (links.length > 0) await tx.insert(qboTransactionLinks).values(links);
  }
}

/** Soft-delete in the typed tables (transactions also lose their links). */
export async function markDeleted(tx: DB, businessId: string, entity: TSyncedEntity, ids: string[]) {
  if (entity === "Account") {
    await tx
      .update(qboAccounts)
      .set({ deleted: true })
      .where(and(eq(qboAccounts.businessId, businessId), inArray(qboAccounts.qboId, ids)));
  } else if (entity === "Customer" || entity === "Vendor") {
    await tx
      .update(qboParties)
      .set({ deleted: true })
      .where(
        and(
          eq(qboParties.businessId, businessId),
          eq(qboParties.kind, entity === "Customer" ? "customer" : "vendor"),
          inArray(qboParties.qboId, ids),
        ),
      );
  } else if (entity === "Term") {
    await tx
      .update(qboTerms)
      .set({ active: false })
      .where(and(eq(qboTerms.businessId, businessId), inArray(qboTerms.qboId, ids)));
  } else if (entity === "RecurringTransaction") {
    await tx
      .update(qboRecurring)
      .set({ deleted: true })
      .where(and(eq(qboRecurring.businessId, businessId), inArray(qboRecurring.qboId, ids)));
  } else if (isTransaction(entity)) {
    await tx
      .update(qboTransactions)
      .set({ deleted: true })
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.type, entity),
          inArray(qboTransactions.qboId, ids),
        ),
      );
    await tx
      .delete(qboTransactionLinks)
      .where(
        and(
          eq(qboTransactionLinks.businessId, businessId),
          eq(qboTransactionLinks.fromType, entity),
          inArray(qboTransactionLinks.fromId, ids),
        ),
      );
  }
}
