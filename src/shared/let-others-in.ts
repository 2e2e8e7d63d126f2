/**
 * Resolves after timers and I/O callbacks waiting on the thread have run. Long work on stored data
 * awaits it between steps: better-sqlite3 answers synchronously, so awaiting its queries only
 * queues microtasks, and a loop of them holds every request of the thread until the loop ends.
 */
export const letOthersIn = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
