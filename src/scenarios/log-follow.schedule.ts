import type { Container } from '../app/container.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import type { EngineRuntime } from './engine-runtime.ts';

/** Every `intervalMs`, brings each built engine up to the log's end (EngineRuntime.follow). Returns the function that stops it. */
export function followTheLog(c: Container, runtime: EngineRuntime, intervalMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = setTimeout(() => {
      void (async () => {
        for (const id of await referenceServiceOf(c).institutionIds()) {
          if (stopped) return;
          if (runtime.isBuilt(id)) await runtime.follow(id);
        }
      })().catch((e: unknown) => process.emitWarning(`following the log: ${(e as Error).message ?? String(e)}`, 'OutpostEngineWarning'))
        .finally(() => { if (!stopped) tick(); });
    }, intervalMs);
    timer.unref();
  };
  tick();
  return () => { stopped = true; if (timer) clearTimeout(timer); };
}
