// @ts-nocheck
import fs from "node:fs";
import path from "node:path";

/**
 * PGlite does not lock its data folder, and two processes on one folder silently lose writes.
 * So whoever opens the embedded database (the app, migrations, seed and bench scripts) first
 * takes this lock file; a second live process is refused with a message naming the holder.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; command: string },
  ) {
    super(
      `The embedded database in ${dir} is already open in process ${holder.pid} (${holder.command}). ` +
        "PGlite allows one process per data folder: stop that process first, or set DATABASE_URL to use PostgreSQL.",
    );
    this.name = "DataDirLockedError";
  }
}

type Holder = { pid: number; command: string; at: string; startTicks?: string | null };

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), to tell a reused pid apart. */
function startTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof parsed.pid === "number"
      ? { pid: parsed.pid, command: String(parsed.command), at: String(parsed.at) }
      : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // The pid is in use; it is our holder unless it was reused by a newer process (after a reboot).
  const now = startTicks(holder.pid);
  return !holder.startTicks || !now || now === holder.startTicks;
}

const held = new Set<string>();

/** Take the folder's lock or throw DataDirLockedError. Returns a release function. */
export function lockDataDir(dir: string): () => void {
  if (held.has(dir)) {
    // Two handles in one process are as dangerous as two processes (Next duplicates modules).
    throw new DataDirLockedError(dir, { pid: process.pid, command: "this process" });
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "oodaloo.lock");
  const me: Holder = {
    pid: process.pid,
    command: process.argv.slice(1, 3).join(" "),
    at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      const release = () => {
        held.delete(dir);
        process.off("exit", release);
        const now = readHolder(file);
        if (now?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on("exit", release);
      held.add(dir);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder)) throw new DataDirLockedError(dir, holder);
      // Stale (holder died without cleaning up) or our own leftover: remove and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
