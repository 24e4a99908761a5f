// @ts-nocheck
import "server-only";
import { and, eq, getTableColumns, getTableName, inArray, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { elementText, pgArray } from "../../db/array-literal";
import type { DB } from "../../db/client";
import {
  qboAccounts,
  qboParties,
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
  readWireItem,
  TRANSACTION_ENTITIES,
  type TSyncedEntity,
  type TTransactionEntity,
  type TWireEntity,
} from "../mappers";

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/**
 * Insert-or-replace many rows of a typed table: one array parameter per column, unnested by
 * Postgres (array literals parse faster than json_populate_recordset, and no object per row is
 * built here). `rows` use the table's property names; `keys` are the conflict columns.
 */
async function bulkUpsert(
  tx: DB,
  table: PgTable,
  rows: Record<string, unknown>[],
  keys: string[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = getTableColumns(table);
  const props = Object.keys(rows[0]!);
  const names = props.map((p) => cols[p]!.name);
  const keyNames = keys.map((k) => cols[k]!.name);
  const arrays = props.map(
    (p) => sql`${pgArray(rows.map((r) => elementText(r[p])))}::${sql.raw(cols[p]!.getSQLType())}[]`,
  );
  const list = names.map((n) => `"${n}"`).join(", ");
  const set = names
    .filter((n) => !keyNames.includes(n))
    .map((n) => `"${n}" = excluded."${n}"`)
    .join(", ");
  await tx.execute(sql`
    insert into ${sql.raw(`"${getTableName(table)}"`)} (${sql.raw(list)})
    select * from unnest(${sql.join(arrays, sql`, `)})
    on conflict (${sql.raw(keyNames.map((n) => `"${n}"`).join(", "))}) do update set ${sql.raw(set)}`);
}

/** A response as QuickBooks sent it: parsed, its exact text, and where the entity list is. */
export type TSourcePage = { body: Record<string, unknown>; text: string; path: string[] };

/** The list at `path` in a parsed response (an absent list is empty). */
export function listAt(body: unknown, path: string[]): unknown[] {
  let at: unknown = body;
  for (const key of path)
    at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return Array.isArray(at) ? at : [];
}

const isTransaction = (e: TSyncedEntity): e is TTransactionEntity =>
  (TRANSACTION_ENTITIES as readonly string[]).includes(e);

/** A row an apply changed: new to the mirror, deleted, or updated; when QuickBooks last changed it. */
export type TChangedRow = { qboId: string; deleted: boolean; inserted: boolean; lastUpdatedAt: Date };

/**
 * Store a page of entities as QBO sent them, then map what changed into the typed tables — all
 * on the caller's transaction (so a page and its checkpoint commit together). A row is applied
 * only if it is newer: a higher SyncToken, or the same SyncToken with a later LastUpdatedTime
 * (balance-only changes) — or the same second with different content, since LastUpdatedTime has
 * one-second precision and a balance can move twice within it (compared as JSON values: the same
 * entity serialized by us or by QuickBooks can differ in text, 100.5 against 100.50); tombstones
 * soft-delete. Replays and stale webhooks change nothing.
 * Returns how many rows changed.
 *
 * `list` is the entities, or a whole response as QuickBooks sent it (its parsed envelope, exact
 * text, and the path to the list): then payloads are stored from that text, not serialized again.
 */
export async function applyEntities(
  tx: DB,
  businessId: string,
  entity: TSyncedEntity,
  list: unknown[] | TSourcePage,
  now: Date,
  onChanged?: (rows: TChangedRow[]) => Promise<void>,
): Promise<number> {
  const items = Array.isArray(list) ? list : listAt(list.body, list.path);
  // Deduplicate within the page: the latest version of each id wins. `at` is where its payload
  // is in the JSON array sent to Postgres (1-based).
  const latest = new Map<
    string,
    {
      qboId: string;
      syncToken: number;
      lastUpdatedAt: Date;
      deleted: boolean;
      payload: TWireEntity | null;
      at: number;
    }
  >();
  for (const [i, item] of items.entries()) {
    const wire = readWireItem(item);
    const row = wire.deleted
      ? {
          qboId: wire.id,
          syncToken: 0,
          lastUpdatedAt: parseInstant(wire.lastUpdatedTime),
          deleted: true,
          payload: null,
          at: i + 1,
        }
      : {
          qboId: wire.entity.Id,
          syncToken: Number(wire.entity.SyncToken),
          lastUpdatedAt: parseInstant(wire.entity.MetaData.LastUpdatedTime),
          deleted: false,
          payload: wire.entity,
          at: i + 1,
        };
    const prev = latest.get(row.qboId);
    if (!prev || row.lastUpdatedAt >= prev.lastUpdatedAt) latest.set(row.qboId, row);
  }
  if (latest.size === 0) return 0;

  // The fields validated above go as arrays and the payloads as one JSON array that Postgres
  // checks once and slices into the json column, matched by position: no wrapper object per row
  // to build and serialize. That array is the response's own list when the text came along
  // (located by its path), otherwise the live payloads serialized here. Returns what changed,
  // and whether it was new (xmax = 0: this statement inserted the row rather than updating it).
  const rows = [...latest.values()];
  let payloads: SQL;
  let positions: (string | null)[];
  if (Array.isArray(list)) {
    let n = 0;
    payloads = sql`${JSON.stringify(rows.filter((r) => !r.deleted).map((r) => r.payload))}::text::json`;
    positions = rows.map((r) => (r.deleted ? null : String(++n)));
  } else {
    payloads = sql`(${list.text}::text::json) #> ${pgArray(list.path)}::text[]`;
    positions = rows.map((r) => (r.deleted ? null : String(r.at)));
  }
  const changed = rowsOf<{ qbo_id: string; deleted: boolean; inserted: boolean }>(
    await tx.execute(sql`
      insert into qbo_raw (business_id, entity, qbo_id, sync_token, last_updated_at, deleted, payload, synced_at)
      select ${businessId}::uuid, ${entity}, m.qbo_id, m.sync_token, m.last_updated_at, m.deleted, p.payload, ${now.toISOString()}::timestamptz
      from unnest(
        ${pgArray(rows.map((r) => r.qboId))}::text[],
        ${pgArray(rows.map((r) => String(r.syncToken)))}::int[],
        ${pgArray(rows.map((r) => r.lastUpdatedAt.toISOString()))}::timestamptz[],
        ${pgArray(rows.map((r) => String(r.deleted)))}::boolean[],
        ${pgArray(positions)}::int[]
      ) as m(qbo_id, sync_token, last_updated_at, deleted, at)
      left join json_array_elements(${payloads}) with ordinality as p(payload, at)
        on p.at = m.at
      on conflict (business_id, entity, qbo_id) do update set
        sync_token = case when excluded.deleted then qbo_raw.sync_token else excluded.sync_token end,
        payload = case when excluded.deleted then qbo_raw.payload else excluded.payload end,
        last_updated_at = excluded.last_updated_at,
        deleted = excluded.deleted,
        synced_at = excluded.synced_at
      where (excluded.deleted and not qbo_raw.deleted and excluded.last_updated_at >= qbo_raw.last_updated_at)
        or (not excluded.deleted and not qbo_raw.deleted and (excluded.sync_token > qbo_raw.sync_token
            or (excluded.sync_token = qbo_raw.sync_token and excluded.last_updated_at > qbo_raw.last_updated_at)
            or (excluded.sync_token = qbo_raw.sync_token and excluded.last_updated_at = qbo_raw.last_updated_at
                and excluded.payload::text is distinct from qbo_raw.payload::text
                and excluded.payload::jsonb is distinct from qbo_raw.payload::jsonb)))
      returning qbo_id, deleted, (xmax = 0) as inserted`),
  );
  // Rows the guard skipped were still seen (for deletion reconciliation after a full re-page);
  // when every row changed (a first sync), they already carry this timestamp.
  if (changed.length < latest.size)
    await tx.execute(sql`
    update qbo_raw set synced_at = ${now.toISOString()}::timestamptz
    where business_id = ${businessId} and entity = ${entity} and synced_at <> ${now.toISOString()}::timestamptz
      and qbo_id = any(${pgArray([...latest.keys()])}::text[])`);
  if (changed.length === 0) return 0;

  const changedLive = changed.filter((c) => !c.deleted);
  const gone = changed.filter((c) => c.deleted).map((c) => c.qbo_id);
  await mapInto(
    tx,
    businessId,
    entity,
    changedLive.map((c) => latest.get(c.qbo_id)!.payload!),
    // A row new to the mirror has no typed links yet: nothing to clear for it.
    changedLive.filter((c) => !c.inserted).map((c) => c.qbo_id),
  );
  if (gone.length > 0) await markDeleted(tx, businessId, entity, gone);
  await onChanged?.(
    changed.map((c) => ({
      qboId: c.qbo_id,
      deleted: c.deleted,
      inserted: c.inserted,
      lastUpdatedAt: latest.get(c.qbo_id)!.lastUpdatedAt,
    })),
  );
  return changed.length;
}

async function mapInto(
  tx: DB,
  businessId: string,
  entity: TSyncedEntity,
  live: TWireEntity[],
  updatedIds: string[],
) {
  if (live.length === 0) return;
  if (entity === "Account") {
    await bulkUpsert(
      tx,
      qboAccounts,
      live.map((w) => ({ businessId, ...mapAccount(w), deleted: false })),
      ["businessId", "qboId"],
    );
  } else if (entity === "Customer" || entity === "Vendor") {
    const kind = entity === "Customer" ? "customer" : "vendor";
    await bulkUpsert(
      tx,
      qboParties,
      live.map((w) => ({ businessId, ...mapParty(kind, w), deleted: false })),
      ["businessId", "kind", "qboId"],
    );
  } else if (entity === "Term") {
    await bulkUpsert(
      tx,
      qboTerms,
      live.map((w) => ({ businessId, ...mapTerm(w) })),
      ["businessId", "qboId"],
    );
  } else if (entity === "RecurringTransaction") {
    await bulkUpsert(
      tx,
      qboRecurring,
      live.map((w) => ({ businessId, ...mapRecurring(w), deleted: false })),
      ["businessId", "qboId"],
    );
  } else if (isTransaction(entity)) {
    const mapped = live.map((w) => mapTransaction(entity, w));
    await bulkUpsert(
      tx,
      qboTransactions,
      mapped.map((m) => ({ businessId, ...m.txn, deleted: false })),
      ["businessId", "type", "qboId"],
    );
    if (updatedIds.length > 0)
      await tx.execute(sql`
        delete from qbo_transaction_links
        where business_id = ${businessId} and from_type = ${entity} and from_id = any(${pgArray(updatedIds)}::text[])`);
    const links = mapped.flatMap((m) =>
      m.links.map((l) => ({ businessId, fromType: entity, fromId: m.txn.qboId, ...l })),
    );
    await bulkUpsert(tx, qboTransactionLinks, links, ["businessId", "fromType", "fromId", "lineNo"]);
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
