import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth.tsx';
import { QuarantineList } from './dq/QuarantineList.tsx';
import { QualityHeatmap } from './dq/QualityHeatmap.tsx';
import { UploadPanel } from './dq/UploadPanel.tsx';
import { RulesPanel } from './dq/RulesPanel.tsx';

const TABS = [
  { id: 'quarantine', permission: 'quarantine:read' },
  { id: 'quality', permission: 'dq:read' },
  { id: 'upload', permission: 'transactions:ingest' },
  { id: 'rules', permission: 'dq:read' },
] as const;

export function DataQualityPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((x) => can(x.permission));
  const wanted = params.get('tab');
  const current = tabs.find((x) => x.id === wanted) ?? tabs[0];
  if (!current) return <p className="state state-error" role="alert">{t('errors.forbidden')}</p>;
  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', id);
    setParams(next);
  };
  return (
    <section aria-labelledby="dq-title">
      <h1 id="dq-title">{t('dq.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('dq.title')}>
        {tabs.map((x) => (
          <button key={x.id} type="button" role="tab" id={`tab-${x.id}`} aria-selected={x.id === current.id} aria-controls={`panel-${x.id}`}
            onClick={() => select(x.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const i = tabs.indexOf(x) + (e.key === 'ArrowRight' ? 1 : -1);
              const nextTab = tabs[(i + tabs.length) % tabs.length];
              select(nextTab.id);
              document.getElementById(`tab-${nextTab.id}`)?.focus();
            }}
            tabIndex={x.id === current.id ? 0 : -1}>
            {t(`dq.tabs.${x.id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.id === 'quarantine' && <QuarantineList />}
        {current.id === 'quality' && <QualityHeatmap />}
        {current.id === 'upload' && <UploadPanel />}
        {current.id === 'rules' && <RulesPanel />}
      </div>
    </section>
  );
}
