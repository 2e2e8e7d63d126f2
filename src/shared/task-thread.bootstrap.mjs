// Entry of a task thread (task-thread.ts): a worker thread does not inherit the TypeScript loader
// the CLI registers, so it registers tsx itself, then imports the task's module (which has no side
// effects), runs the named export with the caller's data and sends its progress and result. Any
// failure, loading included, is sent as an error message; an AppError keeps its kind and details.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { module, exportName, data } = workerData;
try {
  const run = (await import(module))[exportName];
  if (typeof run !== 'function') throw new Error(`${module} has no function ${exportName}`);
  const result = await run(data, (...progress) => parentPort.postMessage({ progress }));
  parentPort.postMessage({ result });
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  parentPort.postMessage(e.name === 'AppError'
    ? { error: e.message, kind: e.kind, details: e.details, code: e.code }
    : { error: e.message });
}
