import type { TFunction } from 'i18next';
import { apiText } from './api-text.ts';

/** A validation problem of a scenario document as the API gives it (path, English message, code, params). */
export interface RuleErrorView {
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

/**
 * The problem in the reader's language from its code (the rule checker's key, src/engine/rules/check.ts,
 * or zod's issue code) and params; the API's English text for a code without a translation.
 */
export function ruleErrorText(e: RuleErrorView, t: TFunction): string {
  if (!e.code) return e.message;
  return apiText(t, [`ruleErrors.${e.code}`], e.params ?? {}, e.message);
}
