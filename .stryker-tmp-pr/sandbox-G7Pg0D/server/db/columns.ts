// @ts-nocheck
import { bigint, timestamp } from "drizzle-orm/pg-core";

/** Column kinds shared by the schema files: instants are timestamptz; money is bigint cents read as a JS number. */
export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const cents = (name: string) => bigint(name, { mode: "number" });
