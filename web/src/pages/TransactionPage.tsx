import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { QueryView, Empty } from '../components/States.tsx';
import { DecisionBadge, SeverityBadge } from '../components/Badges.tsx';
import { TraceTree } from '../components/TraceTree.tsx';
import { formatAmount, formatTime } from '../lib/format.ts';
import { useAuth } from '../auth/auth.tsx';
import { useBranches } from '../lib/branches.ts';
import { branchLabel } from '../lib/branch-tree.ts';

type Detail = Ok<'/api/v1/transactions/{id}', 'get'>;
type Hit = Detail['transaction']['hits'][number];

function reasonText(hit: Hit, lang: string): string {
  const r = hit.reason as Record<string, string>;
  return r[lang] ?? r['zh-CN'] ?? r.en ?? '';
}

/**
 * The account's place in the transaction graph from the latest ring-mining run (what the scoring
 * engine reads as graph_* features): a link to the ring findings holding it, when there are any;
 * and its known-bad listing, when it is on the list.
 */
function RingBadge({ account }: { account: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['rings', 'account', account],
    queryFn: () => unwrap(api.GET('/api/v1/rings/accounts/{id}', { params: { path: { id: account } } })),
    enabled: can('rings:read'),
  });
  const f = q.data?.features;
  const listed = q.data?.knownBad;
  return (
    <>
      {listed && (
        <Link to={`/rings/known-bad?account=${encodeURIComponent(account)}`} className="badge badge-sev-critical" data-testid="known-bad-badge"
          title={t('knownBad.listedTitle', { reference: listed.reference ?? '—', addedAt: formatTime(Date.parse(listed.addedAt), i18n.language) })}>
          {t('knownBad.listed', { source: t(`knownBad.sources.${listed.source}`) })}
        </Link>
      )}
      {f && f.findings > 0 && (
        <Link to={`/rings?account=${encodeURIComponent(account)}`} className="badge badge-sev-high" data-testid="ring-badge"
          title={t('rings.accountGraph', { cycles: f.cycles, fanOut: f.fanOutMax, fanIn: f.fanInMax })}>
          {t('rings.inFindings', { count: f.findings, score: f.ringScore })}
        </Link>
      )}
    </>
  );
}

/** The bank's own account's customer, as a link to the customer's page (nothing for another bank's account). */
function AccountOwner({ account }: { account: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['account', account],
    queryFn: () => unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id: account } } })),
    enabled: can('customers:read'),
    retry: false,
  });
  if (!q.data) return null;
  return <Link to={`/customers/${encodeURIComponent(q.data.customerId)}`} data-testid="account-owner">{t('txn.owner', { customer: q.data.customerId })}</Link>;
}

export function TransactionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useQuery({
    queryKey: ['transaction', id],
    queryFn: () => unwrap(api.GET('/api/v1/transactions/{id}', { params: { path: { id } } })),
  });
  const branches = useBranches();
  return (
    <section aria-labelledby="tx-title">
      <p><Link to="/transactions">← {t('txn.backToList')}</Link></p>
      <h1 id="tx-title">{t('txn.detailTitle', { id })}</h1>
      <QueryView query={q}>
        {({ transaction: tx, recentActivity }) => (
          <>
            <div className="figures">
              <div className="figure static"><span className="figure-value" data-testid="txn-score">{tx.score}</span><span className="figure-label">{t('txn.score')}</span></div>
              <div className="figure static"><span className="figure-value"><DecisionBadge decision={tx.decision} /></span><span className="figure-label">{t('txn.decision')}</span></div>
              <div className="figure static"><span className="figure-value">{formatAmount(tx.amountMinor, tx.currency, lang)}</span><span className="figure-label">{t('txn.amount')}</span></div>
            </div>
            <div className="panel">
              <h2>{t('txn.details')}</h2>
              <dl className="kv">
                <dt>{t('txn.occurredAt')}</dt><dd>{formatTime(Date.parse(tx.occurredAt), lang)}</dd>
                <dt>{t('txn.debit')}</dt><dd>{tx.debitAccount ?? tx.debitParty ?? '—'} {tx.debitBank ? `(${tx.debitBank})` : ''} {tx.debitAccount && <><AccountOwner account={tx.debitAccount} /> <RingBadge account={tx.debitAccount} /></>}</dd>
                <dt>{t('txn.credit')}</dt><dd>{tx.creditAccount ?? tx.creditParty ?? '—'} {tx.creditBank ? `(${tx.creditBank})` : ''} {tx.creditAccount && <><AccountOwner account={tx.creditAccount} /> <RingBadge account={tx.creditAccount} /></>}</dd>
                <dt>{t('txn.channel')}</dt><dd>{t(`channel.${tx.channel}`)}</dd>
                <dt>{t('txn.type')}</dt><dd>{t(`txnType.${tx.type}`)}</dd>
                <dt>{t('txn.branch')}</dt><dd data-testid="txn-branch">{tx.branchId ? branchLabel(tx.branchId, branches.data?.items) : '—'}</dd>
                <dt>{t('txn.crossBorder')}</dt><dd>{tx.crossBorder ? t('common.yes') : t('common.no')}</dd>
                {tx.deviceId && <><dt>{t('txn.device')}</dt><dd>{tx.deviceId}</dd></>}
                {tx.ip && <><dt>IP</dt><dd>{tx.ip}</dd></>}
                {tx.location && <><dt>{t('txn.location')}</dt><dd>{tx.location}</dd></>}
                {tx.purpose && <><dt>{t('txn.purpose')}</dt><dd>{tx.purpose}</dd></>}
              </dl>
            </div>
            <div className="panel">
              <h2>{t('txn.hits')}</h2>
              {tx.hits.length === 0 ? <Empty>{t('txn.noHits')}</Empty> : (
                <ol className="hits">
                  {tx.hits.map((h) => (
                    <li key={h.scenarioId} className="hit" data-testid="hit">
                      <div className="row">
                        <Link to={`/scenarios/${encodeURIComponent(h.scenarioId)}`}><strong>{h.scenarioId}</strong></Link>
                        <SeverityBadge severity={h.severity} />
                        <span className="muted">{t(`typology.${h.typology}`, { defaultValue: h.typology })} · v{h.version} · +{h.score}</span>
                      </div>
                      <p className="reason" data-testid="hit-reason">{reasonText(h, lang)}</p>
                      <details open>
                        <summary>{t('trace.title')}</summary>
                        <TraceTree trace={h.trace} label={t('trace.title')} />
                      </details>
                    </li>
                  ))}
                </ol>
              )}
            </div>
            <div className="panel">
              <h2>{t('txn.recentActivity')}</h2>
              {recentActivity.length === 0 ? <Empty /> : (
                <div className="table-wrap">
                  <table className="table compact">
                    <thead><tr><th scope="col">{t('txn.occurredAt')}</th><th scope="col">{t('txn.id')}</th><th scope="col">{t('txn.debit')}</th><th scope="col">{t('txn.credit')}</th><th scope="col" className="num">{t('txn.amount')}</th><th scope="col">{t('txn.decision')}</th></tr></thead>
                    <tbody>
                      {recentActivity.map((r) => (
                        <tr key={r.id} aria-current={r.id === tx.id ? 'true' : undefined}>
                          <td>{formatTime(Date.parse(r.occurredAt), lang)}</td>
                          <td><Link to={`/transactions/${encodeURIComponent(r.id)}`}>{r.id}</Link></td>
                          <td>{r.debitAccount ?? '—'}</td>
                          <td>{r.creditAccount ?? '—'}</td>
                          <td className="num">{formatAmount(r.amountMinor, r.currency, lang)}</td>
                          <td><DecisionBadge decision={r.decision} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </>
        )}
      </QueryView>
    </section>
  );
}
