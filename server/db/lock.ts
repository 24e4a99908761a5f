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

type Holder = { pid: number; command: string; at: string };

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A pid reused after a reboot by something that is not node is not our holder.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

const held = new Map<string, () => void>();

/** Take the folder's lock or throw DataDirLockedError. Returns a release function. */
export function lockDataDir(dir: string): () => void {
  const existing = held.get(dir);
  if (existing) return existing;
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
      held.set(dir, release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid))
        throw new DataDirLockedError(dir, holder);
      // Stale (holder died without cleaning up) or our own leftover: remove and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
