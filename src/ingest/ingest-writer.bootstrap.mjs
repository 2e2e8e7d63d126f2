// Entry of the ingest writer thread: a worker thread does not inherit the TypeScript loader the
// CLI registers, so it registers tsx itself, then loads the worker's TypeScript module (which has
// no side effects) and starts it. A failure to start (the database cannot be opened) is reported
// to the main thread, which then writes on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startWriter } = await import('./ingest-writer.worker.ts');
try {
  startWriter(workerData, parentPort);
} catch (err) {
  parentPort.postMessage({ id: -1, error: `ingest writer thread could not start: ${err instanceof Error ? err.message : String(err)}` });
  process.exit(1);
}
