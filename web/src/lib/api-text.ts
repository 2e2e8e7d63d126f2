import type { TFunction } from 'i18next';

/**
 * A server message in the reader's language: the first of `keys` that exists, filled with `values`;
 * `fallback` (the API's own text) when none exists or the text names a value that `values` lacks
 * (an error stored before the API sent its values), rather than a sentence with a hole.
 */
export function apiText(t: TFunction, keys: string[], values: Record<string, unknown>, fallback: string): string {
  for (const key of keys) {
    const raw = t(key, { skipInterpolation: true, defaultValue: '' });
    if (!raw) continue;
    for (const m of raw.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) if (values[m[1]] === undefined || values[m[1]] === null) return fallback;
    return t(key, { ...values, interpolation: { escapeValue: false } });
  }
  return fallback;
}
