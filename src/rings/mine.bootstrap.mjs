// Entry of the ring-mining thread: a worker thread does not inherit the TypeScript loader the CLI
// registers, so it registers tsx itself, then loads the worker's TypeScript module (which has no
// side effects) and starts it. Failures are reported to the caller as an error message.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { startMiner } = await import('./mine.worker.ts');
  await startMiner(workerData, parentPort);
} catch (err) {
  parentPort.postMessage({ error: `could not start: ${err instanceof Error ? err.message : String(err)}` });
}
