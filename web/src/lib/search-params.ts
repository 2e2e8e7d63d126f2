import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The page's URL query as its filter state: `set(k, v)` sets or clears one parameter and returns
 * to page 1 when a filter other than `page` changes. It uses a functional update, so a callback
 * kept by a table or form never works on stale parameters.
 */
export function useFilterParams(): [URLSearchParams, (k: string, v: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback((k: string, v: string) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v);
      else next.delete(k);
      if (k !== 'page') next.delete('page');
      return next;
    });
  }, [setParams]);
  return [params, set];
}
