/**
 * Runs once when the Next server starts: validate configuration (production refuses to start
 * without its secrets), open the database and run migrations, seed the demo in demo mode, and
 * start the outbox dispatcher (forwarding to Inngest when a server is configured).
 */
// @ts-nocheck

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  const { inngest } = await import("./inngest/client");
  await startServer({
    forward: async (ev) => {
      await inngest.send({ id: ev.id, name: ev.name, data: ev.data });
    },
  });
}
