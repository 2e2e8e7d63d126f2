import type { Container } from '../app/container.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { letOthersIn } from '../shared/let-others-in.ts';
import type { EngineRuntime } from './engine-runtime.ts';

const STOPPED = Symbol('stopped');

/**
 * Every `intervalMs`, brings each built engine up to the log's end (EngineRuntime.follow). Returns
 * the function that stops it: a follow under way ends at its next step, before the database closes.
 */
export function followTheLog(c: Container, runtime: EngineRuntime, intervalMs: number): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const pause = () => (stopped ? Promise.reject(STOPPED) : letOthersIn());
  const tick = () => {
    timer = setTimeout(() => {
      running = (async () => {
        for (const id of await referenceServiceOf(c).institutionIds()) {
          if (stopped) return;
          if (runtime.isBuilt(id)) await runtime.follow(id, { pause });
        }
      })().catch((e: unknown) => {
        if (e !== STOPPED) process.emitWarning(`following the log: ${(e as Error).message ?? String(e)}`, 'OutpostEngineWarning');
      }).finally(() => { if (!stopped) tick(); });
    }, intervalMs);
    timer.unref();
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
