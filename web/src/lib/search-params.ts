import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Sets or clears one parameter, or several at once (separate calls in one event would not compose). */
export interface SetFilter {
  (k: string, v: string): void;
  (values: Record<string, string>): void;
}

/**
 * The page's URL query as its filter state: `set(k, v)` (or `set({k: v, …})`) sets or clears
 * parameters and returns to page 1 when a filter other than `page` changes. It uses a functional
 * update, so a callback kept by a table or form never works on stale parameters.
 */
export function useFilterParams(): [URLSearchParams, SetFilter] {
  const [params, setParams] = useSearchParams();
  const set = useCallback((k: string | Record<string, string>, v: string = '') => {
    const values: Record<string, string> = typeof k === 'string' ? { [k]: v } : k;
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [name, value] of Object.entries(values)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      if (Object.keys(values).some((name) => name !== 'page')) next.delete('page');
      return next;
    });
  }, [setParams]) as SetFilter;
  return [params, set];
}
