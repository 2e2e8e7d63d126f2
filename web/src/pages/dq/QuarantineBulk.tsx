import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../../api/client.ts';
import { ErrorState } from '../../components/States.tsx';
import { formatNumber } from '../../lib/format.ts';

interface Counts { examined: number; resubmitted: number; duplicates: number; stillFailing: number }
const ZERO: Counts = { examined: 0, resubmitted: 0, duplicates: 0, stillFailing: 0 };
/** Records per retry call: the server lets other requests in every 200, a call answers within a few seconds. */
const RETRY_CALL = 1_000;

/**
 * Bulk actions on the open records the list's filters show (source, reason code): try them again as
 * they are, once what they failed on is mended outside them (the reference load that brings an
 * account, a relaxed rule), calling the API with its cursor until it says nothing is left; or
 * discard them with a reason after a confirmation (a filter is required for that). Mounted per filter
 * (the list keys it), so an outcome shown belongs to the records filtered.
 */
export function QuarantineBulk({ source, code, total }: { source: string; code: string; total: number }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const n = (x: number) => formatNumber(x, i18n.language);
  const match = { source: source || undefined, code: code || undefined };
  const [retried, setRetried] = useState<(Counts & { running: boolean; stopped?: boolean }) | null>(null);
  // Asked to stop: the calls end after the one under way (each is a few seconds at most).
  const stop = useRef(false);
  const [retryError, setRetryError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState(false);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['quarantine'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };

  const retry = async () => {
    setRetryError(null);
    let sum = ZERO;
    stop.current = false;
    setRetried({ ...sum, running: true });
    try {
      let after: string | null = null;
      do {
        if (stop.current) break;
        const r: Ok<'/api/v1/quarantine/retry', 'post'> = await unwrap(api.POST('/api/v1/quarantine/retry', { body: { ...match, after, limit: RETRY_CALL } }));
        sum = { examined: sum.examined + r.examined, resubmitted: sum.resubmitted + r.resubmitted, duplicates: sum.duplicates + r.duplicates, stillFailing: sum.stillFailing + r.stillFailing };
        setRetried({ ...sum, running: true });
        after = r.next;
      } while (after !== null);
    } catch (err) {
      setRetryError(err);
    } finally {
      setRetried({ ...sum, running: false, stopped: stop.current });
      refresh();
    }
  };

  const discard = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/quarantine/discard', { body: { ...match, reason } })),
    onSuccess: () => { setAsked(false); refresh(); },
  });
  const running = retried?.running === true;
  const filtered = source !== '' || code !== '';
  const ask = (e: FormEvent) => { e.preventDefault(); discard.reset(); setAsked(true); };
  // Nothing to act on, unless what was just done is still to be told.
  if (total === 0 && retried === null && !discard.isSuccess) return null;

  return (
    <section className="panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('quarantine.bulk.title')}</h2>
      <p className="hint">{t('quarantine.bulk.retryHint')}</p>
      <button type="button" className="btn btn-primary" disabled={running || total === 0} onClick={() => void retry()}>
        {t('quarantine.bulk.retry', { count: total, n: n(total) })}
      </button>
      {running && <button type="button" className="btn" style={{ marginLeft: '.5rem' }} onClick={() => { stop.current = true; }}>{t('quarantine.bulk.stop')}</button>}
      {retried && (
        <p role="status" className="state" data-testid="retry-progress">
          {t(retried.running ? 'quarantine.bulk.retrying' : retried.stopped ? 'quarantine.bulk.stopped' : 'quarantine.bulk.retried', {
            examined: n(retried.examined), resubmitted: n(retried.resubmitted), duplicates: n(retried.duplicates), stillFailing: n(retried.stillFailing),
          })}
        </p>
      )}
      {retryError !== null && <ErrorState error={retryError} />}

      <form onSubmit={ask} style={{ marginTop: '1rem' }}>
        <label className="field">
          <span>{t('quarantine.discardReason')}</span>
          <input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} disabled={!filtered} />
        </label>
        {!filtered && <p className="hint">{t('quarantine.bulk.discardNeedsFilter')}</p>}
        <button type="submit" className="btn btn-danger" disabled={!filtered || running || discard.isPending || total === 0} style={{ marginTop: '.5rem' }}>
          {t('quarantine.bulk.discard', { count: total, n: n(total) })}
        </button>
      </form>
      {asked && !discard.isPending && (
        <div className="state" role="alertdialog" aria-label={t('quarantine.bulk.confirmTitle')}>
          <p>{t('quarantine.bulk.confirmDiscard', { n: n(total), reason })}</p>
          <div className="row">
            <button type="button" className="btn btn-danger" onClick={() => discard.mutate()}>{t('common.confirm')}</button>
            <button type="button" className="btn" onClick={() => setAsked(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
      {discard.isError && <ErrorState error={discard.error} />}
      {discard.isSuccess && <p role="status" className="state">{t('quarantine.bulk.discarded', { n: n(discard.data.discarded) })}</p>}
    </section>
  );
}
