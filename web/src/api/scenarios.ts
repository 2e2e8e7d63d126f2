import type { Ok } from './client.ts';
import type { Condition, I18nText } from '../lib/rule.ts';

export type ScenarioSummary = Ok<'/api/v1/scenarios', 'get'>['items'][number];
export type ScenarioVersion = Ok<'/api/v1/scenarios/{id}', 'get'>['items'][number];
export type TestResult = Ok<'/api/v1/scenarios/{id}/test', 'post'>;

/**
 * A scenario document in the rule language (src/engine/rule.schema.ts). The API types documents as
 * open records because the engine validates them in depth; this is the shape the UI reads.
 */
export interface ScenarioDoc {
  id: string;
  version?: number;
  name: I18nText;
  description: I18nText;
  typology: string;
  severity: string;
  weight: number;
  side: string;
  when: Condition;
  reason: I18nText;
  doc?: string;
  [k: string]: unknown;
}

export const docOf = (v: ScenarioVersion): ScenarioDoc => v.document as unknown as ScenarioDoc;

/** Library status of a scenario: active when a version is active, else draft when one is being written. */
export function statusOf(s: ScenarioSummary): 'active' | 'draft' | 'inactive' {
  if (s.activeVersion !== null) return 'active';
  if (s.draftVersion !== null) return 'draft';
  return 'inactive';
}
