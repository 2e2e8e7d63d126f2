import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, uploadWithProgress, type Ok } from '../../api/client.ts';
import { ErrorState } from '../../components/States.tsx';
import { formatNumber } from '../../lib/format.ts';

type Job = Ok<'/api/v1/ingest/jobs/{id}', 'get'>;

/** The file encodings the server reads (src/ingest/file-reader.ts FILE_ENCODINGS). */
const ENCODINGS = ['utf-8', 'gb18030'] as const;
type Encoding = (typeof ENCODINGS)[number];

const newJobId = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Uploads a CSV/JSONL file: the request streams into the ingest pipeline, so the bar shows bytes
 * sent, and the job's counters (polled by the client-chosen job id) show records processed.
 */
export function UploadPanel() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [sent, setSent] = useState(0);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [encoding, setEncoding] = useState<Encoding>('utf-8');
  const poll = useRef<number | null>(null);
  useEffect(() => () => { if (poll.current) window.clearInterval(poll.current); }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    const id = newJobId();
    setBusy(true);
    setError(null);
    setJob(null);
    setSent(0);
    poll.current = window.setInterval(() => {
      void unwrap(api.GET('/api/v1/ingest/jobs/{id}', { params: { path: { id } } })).then(setJob, () => undefined);
    }, 400);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const done = await uploadWithProgress<Job>(`/api/v1/ingest/files?jobId=${encodeURIComponent(id)}&encoding=${encoding}`, form, setSent);
      setJob(done);
      setSent(1);
      void qc.invalidateQueries({ queryKey: ['quarantine'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void qc.invalidateQueries({ queryKey: ['transactions'] });
    } catch (err) {
      setError(err);
    } finally {
      if (poll.current) window.clearInterval(poll.current);
      poll.current = null;
      setBusy(false);
    }
  }
  const n = (x: number) => formatNumber(x, i18n.language);
  const fraction = job && job.bytesTotal > 0 ? Math.min(1, job.bytesRead / job.bytesTotal) : sent;
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title">
      <h2 id="upload-title">{t('upload.title')}</h2>
      <p className="muted">{t('upload.hint')}</p>
      <div className="row">
        <label className="field">
          <span>{t('upload.file')}</span>
          <input ref={fileRef} type="file" name="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" required />
        </label>
        <label className="field">
          <span>{t('upload.encoding')}</span>
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding)}>
            {ENCODINGS.map((x) => <option key={x} value={x}>{t(`upload.encodings.${x}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>{t('upload.submit')}</button>
      </div>
      {(busy || job) && (
        <div style={{ marginTop: '1rem' }}>
          <label className="field">
            <span>{job?.status === 'done' ? t('upload.done') : t('upload.progress')}</span>
            <progress max={1} value={job?.status === 'done' ? 1 : fraction} aria-valuetext={`${Math.round((job?.status === 'done' ? 1 : fraction) * 100)}%`} data-testid="upload-progress" />
          </label>
          {job && (
            <p role="status" data-testid="upload-status">
              {t('upload.counts', { processed: n(job.processed), accepted: n(job.accepted), duplicates: n(job.duplicates), quarantined: n(job.quarantined) })}
              {job.status === 'done' && job.quarantined > 0 && (
                <> · <Link to={`/data-quality?tab=quarantine&source=${encodeURIComponent(`file:${job.fileName}`)}`}>{t('upload.seeQuarantine')}</Link></>
              )}
            </p>
          )}
          {job?.error && <p className="form-error">{job.error}</p>}
        </div>
      )}
      {error !== null && <ErrorState error={error} />}
    </form>
  );
}
