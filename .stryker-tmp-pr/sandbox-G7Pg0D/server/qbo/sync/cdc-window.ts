// @ts-nocheck
import type { TSyncedEntity } from "../mappers";

/**
 * The CDC window's rules, apart from I/O (issue 15): QuickBooks' ChangeDataCapture answers at most
 * 1000 objects across the entities asked for and says nothing when it truncates, so an answer
 * holding exactly the cap (or more) cannot be trusted as complete. It is split by entities; one
 * entity alone at the cap is re-paged from the start instead. A refusal of the whole list names no
 * entity we may rely on, so the list is bisected the same way to find it.
 */
export const CDC_CAP = 1000;

/** Two halves of an entity list, the first one larger when odd. */
export function halves<T>(entities: readonly T[]): [T[], T[]] {
  const half = Math.ceil(entities.length / 2);
  return [entities.slice(0, half), entities.slice(half)];
}

export type TCdcAnswer =
  | { kind: "apply"; byEntity: Map<TSyncedEntity, unknown[]>; total: number }
  | { kind: "split"; halves: [TSyncedEntity[], TSyncedEntity[]] }
  | { kind: "repage"; entity: TSyncedEntity };

/** What to do with one CDC response for `entities`: apply it, split the request, or re-page. */
export function judgeCdcAnswer(res: Record<string, unknown>, entities: readonly TSyncedEntity[]): TCdcAnswer {
  const cdc = res.CDCResponse;
  const first = Array.isArray(cdc) ? (cdc[0] as { QueryResponse?: unknown } | undefined) : undefined;
  const responses = Array.isArray(first?.QueryResponse)
    ? (first.QueryResponse as Record<string, unknown>[])
    : [];
  const byEntity = new Map<TSyncedEntity, unknown[]>();
  let total = 0;
  for (const qr of responses) {
    for (const e of entities) {
      const list = qr[e];
      if (Array.isArray(list)) {
        byEntity.set(e, [...(byEntity.get(e) ?? []), ...list]);
        total += list.length;
      }
    }
  }
  if (total < CDC_CAP) return { kind: "apply", byEntity, total };
  if (entities.length === 1) return { kind: "repage", entity: entities[0]! };
  return { kind: "split", halves: halves(entities) };
}
