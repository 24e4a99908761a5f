// @ts-nocheck
import { isEntityName, isNameList, type TEntityName, type TWire } from "./entities";
import { Money, parseDecimalToCents } from "./money";
import { parseQboInstant } from "./time";

/**
 * The QBO query language: `SELECT * | COUNT(*) FROM Entity [WHERE a op v [AND …]]
 * [ORDERBY|ORDER BY f [ASC|DESC][, …]] [STARTPOSITION n] [MAXRESULTS n]` (the last two in
 * either order), operators = < > <= >= IN LIKE ('%' wildcards), keywords case-insensitive,
 * entity names case-sensitive, strings in single quotes with \' escapes.
 */
export type TValue = string | number | boolean;
export type TCondition = {
  field: string;
  op: "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";
  values: TValue[];
};
export type TQuery = {
  count: boolean;
  entity: TEntityName;
  where: TCondition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition: number;
  maxResults: number;
};

export class QueryError extends Error {
  constructor(
    readonly code: "4000" | "4001",
    readonly detail: string,
  ) {
    super(code === "4000" ? "Error parsing query" : "Invalid query");
  }
}

type Tok = { kind: "word" | "string" | "number" | "op" | "punct"; text: string; col: number };

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < q.length && q[j] !== "'") {
        if (q[j] === "\\" && j + 1 < q.length) {
          text += q[j + 1];
          j += 2;
        } else text += q[j++];
      }
      if (j >= q.length)
        throw new QueryError(
          "4000",
          `QueryParserError: Encountered unterminated string at line 1, column ${i + 1}.`,
        );
      out.push({ kind: "string", text, col: i + 1 });
      i = j + 1;
    } else if ((/[0-9-]/.test(ch) && /[0-9.]/.test(q[i + 1] ?? "")) || /[0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(q.slice(i))!;
      out.push({ kind: "number", text: m[0], col: i + 1 });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i))!;
      out.push({ kind: "word", text: m[0], col: i + 1 });
      i += m[0].length;
    } else if (ch === "<" || ch === ">") {
      const op = q[i + 1] === "=" ? `${ch}=` : ch;
      out.push({ kind: "op", text: op, col: i + 1 });
      i += op.length;
    } else if (ch === "=") {
      out.push({ kind: "op", text: "=", col: i + 1 });
      i++;
    } else if ("(),*".includes(ch)) {
      out.push({ kind: "punct", text: ch, col: i + 1 });
      i++;
    } else {
      throw new QueryError(
        "4000",
        `QueryParserError: Invalid content. Lexical error at line 1, column ${i + 1}.  Encountered: "${ch}" (${ch.charCodeAt(0)}), after : ""`,
      );
    }
  }
  return out;
}

export function parseQuery(text: string): TQuery {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const kw = (w: string) => peek()?.kind === "word" && peek()!.text.toUpperCase() === w;
  const fail = (expected: string): never => {
    const t = peek();
    throw new QueryError(
      "4000",
      t
        ? `QueryParserError: Encountered " <IDENTIFIER> "${t.text} "" at line 1, column ${t.col}.\nWas expecting:\n    ${expected} ...\n    `
        : `QueryParserError: Encountered "<EOF>" at line 0, column 0.\nWas expecting:\n    ${expected} ...\n    `,
    );
  };
  const expectKw = (w: string) => {
    if (!kw(w)) fail(`"${w.toLowerCase()}"`);
    p++;
  };
  const punct = (c: string) => peek()?.kind === "punct" && peek()!.text === c;

  expectKw("SELECT");
  let count = false;
  if (punct("*")) p++;
  else if (kw("COUNT")) {
    p++;
    if (!punct("(")) fail('"("');
    p++;
    if (!punct("*")) fail('"*"');
    p++;
    if (!punct(")")) fail('")"');
    p++;
    count = true;
  } else fail('"*"');
  expectKw("FROM");
  const ent = peek();
  if (ent?.kind !== "word") return fail("<IDENTIFIER>");
  p++;
  if (!isEntityName(ent.text)) {
    throw new QueryError(
      "4001",
      `QueryValidationError: Entity ${ent.text} is not supported or not queryable`,
    );
  }
  const q: TQuery = { count, entity: ent.text, where: [], orderBy: [], startPosition: 1, maxResults: 100 };

  const value = (): TValue => {
    const t = peek();
    if (!t) return fail("<STRING>");
    p++;
    if (t.kind === "string") return t.text;
    if (t.kind === "number") return Number(t.text);
    if (t.kind === "word" && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === "true";
    p--;
    return fail("<STRING>");
  };

  if (kw("WHERE")) {
    p++;
    for (;;) {
      const f = peek();
      if (f?.kind !== "word") fail("<IDENTIFIER>");
      p++;
      const field = normalizeField(f!.text);
      const opTok = peek();
      let op: TCondition["op"];
      if (opTok?.kind === "op") op = opTok.text as TCondition["op"];
      else if (opTok?.kind === "word" && /^(IN|LIKE)$/i.test(opTok.text))
        op = opTok.text.toUpperCase() as "IN" | "LIKE";
      else return fail('"="');
      p++;
      const values: TValue[] = [];
      if (op === "IN") {
        if (!punct("(")) fail('"("');
        p++;
        values.push(value());
        while (punct(",")) {
          p++;
          values.push(value());
        }
        if (!punct(")")) fail('")"');
        p++;
      } else values.push(value());
      q.where.push({ field, op, values });
      if (kw("AND")) {
        p++;
        continue;
      }
      if (kw("OR"))
        throw new QueryError(
          "4000",
          `QueryParserError: Encountered " <OR> "OR "" at line 1, column ${peek()!.col}. OR is not supported`,
        );
      break;
    }
  }
  while (p < toks.length) {
    if (kw("ORDERBY") || kw("ORDER")) {
      if (kw("ORDER")) {
        p++;
        expectKw("BY");
      } else p++;
      for (;;) {
        const f = peek();
        if (f?.kind !== "word") fail("<IDENTIFIER>");
        p++;
        let desc = false;
        if (kw("DESC")) {
          desc = true;
          p++;
        } else if (kw("ASC")) p++;
        q.orderBy.push({ field: normalizeField(f!.text), desc });
        if (punct(",")) {
          p++;
          continue;
        }
        break;
      }
    } else if (kw("STARTPOSITION") || kw("MAXRESULTS")) {
      const which = peek()!.text.toUpperCase();
      p++;
      const n = peek();
      if (n?.kind !== "number") return fail("<INTEGER>");
      p++;
      const v = Number(n.text);
      if (which === "STARTPOSITION") {
        if (v < 1)
          throw new QueryError(
            "4001",
            `QueryValidationError: value ${v} is too small. Min allowed value is 1`,
          );
        q.startPosition = v;
      } else {
        if (v < 1)
          throw new QueryError(
            "4001",
            `QueryValidationError: value ${v} is too small. Min allowed value is 1`,
          );
        if (v > 1000)
          throw new QueryError(
            "4001",
            `QueryValidationError: value ${v} is too large. Max allowed value is 1000`,
          );
        q.maxResults = v;
      }
    } else fail('"startposition"');
  }
  return q;
}

/** `Metadata.` is accepted for `MetaData.` (seen in production clients). */
function normalizeField(f: string): string {
  return f.replace(/^metadata\./i, "MetaData.");
}

// ── evaluation ─────────────────────────────────────────────────────────────────────────────

const NOT_QUERYABLE = new Set([
  "Line",
  "LinkedTxn",
  "CustomField",
  "BillAddr",
  "ShipAddr",
  "PrimaryEmailAddr",
  "PrimaryPhone",
  "Mobile",
  "Fax",
  "WebAddr",
  "AcctNum",
  "SyncToken",
  "TxnTaxDetail",
]);

function lookup(w: TWire, field: string): unknown {
  let v: unknown = w;
  for (const part of field.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  // A reference compares by its id.
  if (v && typeof v === "object" && !(v instanceof Money) && "value" in (v as object))
    return (v as { value: unknown }).value;
  return v;
}

function isTimestampField(field: string) {
  return field === "MetaData.CreateTime" || field === "MetaData.LastUpdatedTime";
}

function compare(a: unknown, b: TValue, field: string): number | null {
  if (a === undefined || a === null) return null;
  if (a instanceof Money) {
    const bc = parseDecimalToCents(String(b));
    return bc === null ? null : Math.sign(a.cents - bc);
  }
  if (isTimestampField(field)) {
    const x = parseQboInstant(String(a));
    const y = parseQboInstant(String(b));
    return x === null || y === null ? null : Math.sign(x - y);
  }
  if (typeof a === "boolean") return a === (b === true || b === "true") ? 0 : 1;
  if (typeof a === "number") return Math.sign(a - Number(b));
  const sa = String(a);
  const sb = String(b);
  // Ids compare numerically, as QBO does.
  if (/^\d+$/.test(sa) && /^\d+$/.test(sb)) return Math.sign(Number(sa) - Number(sb));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function matches(w: TWire, c: TCondition): boolean {
  const v = lookup(w, c.field);
  switch (c.op) {
    case "IN":
      return c.values.some((x) => compare(v, x, c.field) === 0);
    case "LIKE": {
      const pattern = String(c.values[0]);
      const re = new RegExp(
        `^${pattern
          .split("%")
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
        "i",
      );
      return v !== undefined && re.test(String(v));
    }
    default: {
      const r = compare(v, c.values[0]!, c.field);
      if (r === null) return false;
      return c.op === "="
        ? r === 0
        : c.op === "<"
          ? r < 0
          : c.op === ">"
            ? r > 0
            : c.op === "<="
              ? r <= 0
              : r >= 0;
    }
  }
}

export function validateFields(q: TQuery, sample: TWire | undefined): void {
  for (const f of [...q.where.map((w) => w.field), ...q.orderBy.map((o) => o.field)]) {
    const top = f.split(".")[0]!;
    const known =
      isTimestampField(f) ||
      top === "Id" ||
      top === "Active" ||
      (sample !== undefined && top in sample) ||
      KNOWN_FIELDS.has(top);
    if (!known || NOT_QUERYABLE.has(top)) {
      throw new QueryError("4001", `QueryValidationError: property '${f}' is not queryable`);
    }
  }
}

const KNOWN_FIELDS = new Set([
  "TxnDate",
  "DueDate",
  "DocNumber",
  "TotalAmt",
  "Balance",
  "CustomerRef",
  "VendorRef",
  "Name",
  "DisplayName",
  "AccountType",
  "AccountSubType",
  "FullyQualifiedName",
  "CurrentBalance",
  "PaymentType",
  "PayType",
  "EmailStatus",
  "PrivateNote",
  "CompanyName",
  "GivenName",
  "FamilyName",
  "Type",
  "Classification",
  "DepositToAccountRef",
]);

type TRowLike = { wire: TWire; updatedMs: number; createdMs: number; json?: string };
export type TQueryResult =
  | { count: true; total: number }
  | { count: false; rows: TWire[]; page: TRowLike[]; total: number };

export function runQuery(q: TQuery, rows: Iterable<TRowLike>): TQueryResult {
  const activeFiltered = isNameList(q.entity) && !q.where.some((c) => c.field === "Active");
  let out: TRowLike[] = [];
  for (const r of rows) {
    if (activeFiltered && r.wire.Active === false) continue;
    if (q.where.every((c) => matches(r.wire, c))) out.push(r);
  }
  if (q.count) return { count: true, total: out.length };
  const order = q.orderBy.length > 0 ? q.orderBy : [{ field: "Id", desc: false }];
  out = out.sort((a, b) => {
    for (const o of order) {
      let r: number;
      if (o.field === "Id") r = Number(a.wire.Id) - Number(b.wire.Id);
      else if (o.field === "MetaData.LastUpdatedTime") r = a.updatedMs - b.updatedMs;
      else if (o.field === "MetaData.CreateTime") r = a.createdMs - b.createdMs;
      else {
        const av = lookup(a.wire, o.field);
        const bv = lookup(b.wire, o.field);
        r =
          av === undefined
            ? -1
            : bv === undefined
              ? 1
              : (compare(av, bv instanceof Money ? bv.toWire() : (bv as TValue), o.field) ?? 0);
      }
      if (r !== 0) return o.desc ? -r : r;
    }
    return Number(a.wire.Id) - Number(b.wire.Id);
  });
  const page = out.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults);
  return { count: false, total: out.length, page, rows: page.map((r) => r.wire) };
}
