// @ts-nocheck
import { QboError } from "../errors";

/**
 * What a failed request for one entity's data means for the sync (docs/decisions/0006), from the
 * HTTP status and the error class the client assigned — never from message text:
 * - `refused`: 400 — this company does not serve the entity (an edition without the feature, an
 *   entity CDC does not cover, one added in a later minor version). The entity is set aside and
 *   the sync goes on.
 * - `forbidden`: 403 — set aside like a refusal only when other entities succeeded in the same
 *   run; otherwise the connection itself is refused.
 * - `transient`: the client's retries ran out on a 5xx, a timeout or a dropped connection — the
 *   entity keeps its checkpoint and is tried again soon; the others go on.
 * - `fatal`: everything else (lost authorization, throttling that did not end, a body that is not
 *   JSON, a bug) stops the run, as it concerns the whole connection.
 */
export type TEntityFailure = "refused" | "forbidden" | "transient" | "fatal";

export function classifyEntityFailure(err: unknown): TEntityFailure {
  if (!(err instanceof QboError)) return "fatal";
  if (err.kind === "transient") return "transient";
  if (err.kind !== "permanent") return "fatal";
  if (err.status === 400) return "refused";
  if (err.status === 403) return "forbidden";
  return "fatal";
}

/** The refusal as kept on the entity's state: status, fault code and the fault's detail. */
export function refusalOf(err: unknown): { status: number | null; code: string | null; detail: string } {
  if (err instanceof QboError)
    return {
      status: err.status,
      code: err.fault?.code ?? null,
      detail: err.fault ? [err.fault.message, err.fault.detail].filter(Boolean).join(": ") : err.message,
    };
  return { status: null, code: null, detail: String(err) };
}
