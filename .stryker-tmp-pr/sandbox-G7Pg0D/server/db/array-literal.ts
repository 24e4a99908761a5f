/**
 * Postgres array literals, for sending many values as one text parameter cast to `type[]`
 * (and unnested server-side): cheaper to build and to parse than a JSON document per row.
 */
// @ts-nocheck


/** `{"a","b\"c",NULL}`: every element quoted and escaped (nothing is assumed about the text); null is NULL. */
export const pgArray = (vs: (string | null)[]): string =>
  `{${vs.map((v) => (v === null ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;

/** An element's text: dates as ISO instants, objects (json/jsonb columns) as JSON, null stays null. */
export const elementText = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);
