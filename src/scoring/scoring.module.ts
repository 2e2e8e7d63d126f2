import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import { builtInScenarios } from '../engine/index.ts';
import { referenceServiceOf } from '../reference/reference.module.ts';
import { ingestOf } from '../ingest/ingest.module.ts';
import type { ScorerProvider } from '../ingest/ingest.module.ts';
import { EngineHost } from './engine-host.ts';

export function engineHostOf(c: Container): EngineHost {
  return getService<EngineHost>(c, 'engineHost');
}

/**
 * Real-time scoring: publishes 'scorer' (used by ingest) and 'engineHost'. Scenario management
 * replaces the active-scenario source through service 'activeScenarios' when it is registered.
 */
export const scoringModule: Module = {
  name: 'scoring',
  init(c) {
    const reference = referenceServiceOf(c);
    const host = new EngineHost({
      profiles: (institutionId) => reference.directory(institutionId),
      activeScenarios: async (institutionId) => {
        const source = c.services.get('activeScenarios') as ((id: string) => Promise<readonly unknown[]>) | undefined;
        return source ? source(institutionId) : builtInScenarios;
      },
      replay: (institutionId) => ingestOf(c).transactions.streamLog(institutionId),
    });
    c.services.set('engineHost', host);
    c.services.set('scorer', ((institutionId) => host.scorer(institutionId)) satisfies ScorerProvider);
  },
};
