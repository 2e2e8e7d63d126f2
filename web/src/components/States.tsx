import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <div className="state state-empty" role="status">{children ?? t('common.empty')}</div>;
}

/** The API's error codes (src/shared/errors.ts) that have a sentence of their own in the reader's language. */
const KNOWN: Record<string, string> = {
  validation: 'errors.validation', conflict: 'errors.conflict', rate_limited: 'errors.rateLimited', unavailable: 'errors.unavailable',
  internal: 'errors.internal', payload_too_large: 'errors.payloadTooLarge', unauthenticated: 'errors.unauthenticated',
};

/** An error in the reader's language; the API's own text is kept as the detail where it says what was wrong. */
export function errorMessage(err: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return t('errors.forbidden');
    if (err.status === 404) return t('errors.notFound');
    if (err.status === 0) return t('errors.network');
    const key = KNOWN[err.code];
    return key ? t(key, { detail: err.message, interpolation: { escapeValue: false } }) : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <strong>{t('errors.title')}</strong> {errorMessage(error, t)}
      {onRetry && <button type="button" className="btn btn-small" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

/** Renders a query's loading, error, empty and data states in one place. */
export function QueryView<T>({ query, isEmpty, empty, children }: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
