/**
 * Runs once when the Next server starts: validate configuration (production refuses to start
 * without its secrets), open the database and run migrations, and in demo mode make sure the
 * demo people and business exist. A failure stops the process with a message, not a half-up app.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
