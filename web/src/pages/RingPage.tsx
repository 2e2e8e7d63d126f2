import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { QueryView, ErrorState } from '../components/States.tsx';
import { RingGraph, type GraphEdge, type GraphNode } from '../components/RingGraph.tsx';
import { formatAmount, formatTime, formatTimeRange } from '../lib/format.ts';
import { localText } from '../lib/rule.ts';

type Detail = Ok<'/api/v1/rings/findings/{id}', 'get'>;
type Edge = Detail['subgraph']['edges'][number];

/** Neighbours fetched for one hop out of an account: its transfers, as graph edges. */
interface Hop { nodes: string[]; edges: Edge[] }
const EXPAND_LIMIT = 100;

const shortTime = (ms: number, lang: string) => new Intl.DateTimeFormat(lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));

/** Accounts with their role in the structure, a link to their transactions and a button to expand them in the graph. */
function AccountTable({ testId, accounts, listed, expanding, onExpand }: {
  testId: string; accounts: Detail['members']; listed: ReadonlySet<string>; expanding: string | null; onExpand: (account: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table compact" data-testid={testId}>
      <thead><tr><th scope="col">{t('txn.account')}</th><th scope="col">{t('rings.role')}</th><th scope="col"><span className="sr-only">{t('rings.expand')}</span></th></tr></thead>
      <tbody>
        {accounts.map((m) => (
          <tr key={m.account}>
            <td>
              <Link to={`/transactions?account=${encodeURIComponent(m.account)}`}>{m.account}</Link>
              {listed.has(m.account) && <> <Link to={`/rings/known-bad?account=${encodeURIComponent(m.account)}`} className="badge badge-sev-critical" data-testid="member-known-bad">{t('knownBad.badge')}</Link></>}
            </td>
            <td>{t(`rings.roles.${m.role}`, { defaultValue: m.role })}</td>
            <td><button type="button" className="btn btn-small" disabled={expanding !== null} onClick={() => onExpand(m.account)}>{t('rings.expand')}</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Ring({ ring }: { ring: Detail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [extra, setExtra] = useState<Hop[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [expanding, setExpanding] = useState<string | null>(null);
  const [expandError, setExpandError] = useState<unknown>(null);
  const roleOf = useMemo(() => new Map(ring.members.map((m) => [m.account, m.role as string])), [ring.members]);
  // Accounts of the structure that are not members (trimmed from it), with their place in it.
  const structureRole = useMemo(() => new Map(ring.context.map((m) => [m.account, m.role as string])), [ring.context]);
  const listed = useMemo(() => new Set(ring.knownBad.map((k) => k.accountId)), [ring.knownBad]);
  /**
   * The graph starts with the ring itself (its members, the other accounts of its structure, and the
   * structure's transfers and those among the members); expanding an
   * account adds its transfers from the two-hop subgraph and its recent transfers, one hop further.
   */
  const { nodes, edges } = useMemo(() => {
    const n = new Map<string, GraphNode>();
    const e = new Map<string, GraphEdge>();
    // Members in the order money reached them, so a cycle or a chain reads around the circle.
    const order = new Map<string, number>();
    for (const x of ring.transactions) for (const a of [x.src, x.dst]) if (!order.has(a)) order.set(a, order.size);
    const node = (id: string) => {
      if (!n.has(id)) {
        n.set(id, {
          id, label: id, role: roleOf.get(id) ?? structureRole.get(id) ?? 'context', member: roleOf.has(id), structure: structureRole.has(id),
          rank: order.get(id) ?? order.size + n.size, listed: listed.has(id),
        });
      }
    };
    ring.members.forEach((m) => node(m.account));
    ring.context.forEach((m) => node(m.account));
    if (showAll) ring.subgraph.nodes.forEach((x) => node(x.id));
    const shown = (x: Edge) => showAll || x.inFinding || (roleOf.has(x.source) && roleOf.has(x.target)) || expanded.has(x.source) || expanded.has(x.target);
    for (const x of [...ring.subgraph.edges.filter(shown), ...extra.flatMap((h) => h.edges)]) {
      node(x.source);
      node(x.target);
      e.set(x.id, {
        id: x.id, source: x.source, target: x.target, inFinding: x.inFinding,
        label: `${formatAmount(x.amount, 'CNY', lang)} · ${shortTime(x.time, lang)}`,
      });
    }
    return { nodes: [...n.values()], edges: [...e.values()] };
  }, [ring, extra, expanded, showAll, roleOf, structureRole, listed, lang]);

  // One hop out of an account: its most recent transfers (the transactions API, filtered by account).
  const expand = useCallback(async (account: string) => {
    setExpanding(account);
    setExpandError(null);
    try {
      const page = await qc.fetchQuery({
        queryKey: ['ring-expand', account],
        queryFn: () => unwrap(api.GET('/api/v1/transactions', { params: { query: { account, type: 'transfer', sort: 'occurredAt', order: 'desc', page: 1, pageSize: EXPAND_LIMIT } } })),
      });
      const hop: Hop = { nodes: [account], edges: [] };
      for (const x of page.items) {
        if (!x.debitAccount || !x.creditAccount) continue;
        hop.edges.push({ id: x.id, source: x.debitAccount, target: x.creditAccount, amount: x.amountMinor, time: Date.parse(x.occurredAt), inFinding: false });
      }
      setExtra((h) => [...h, hop]);
      setExpanded((x) => new Set([...x, account]));
    } catch (err) {
      setExpandError(err);
    } finally {
      setExpanding(null);
    }
  }, [qc]);

  return (
    <>
      <h1 id="ring-title">{t('rings.detailTitle', { typology: t(`typology.${ring.typology}`, { defaultValue: ring.typology }) })}</h1>
      <div className="figures">
        <div className="figure static"><span className="figure-value">{ring.members.length}</span><span className="figure-label">{t('rings.members')}</span></div>
        <div className="figure static"><span className="figure-value">{formatAmount(ring.totalAmountMinor, 'CNY', lang)}</span><span className="figure-label">{t('rings.total')}</span></div>
        <div className="figure static"><span className="figure-value">{ring.score}</span><span className="figure-label">{t('txn.score')}</span></div>
        <div className="figure static"><span className="figure-value" style={{ fontSize: '1rem' }}>{ring.firstAt ? formatTimeRange(Date.parse(ring.firstAt), Date.parse(ring.lastAt ?? ring.firstAt), lang) : '—'}</span><span className="figure-label">{t('rings.span')}</span></div>
      </div>
      <div className="panel">
        <h2>{t('rings.graph')}</h2>
        <RingGraph nodes={nodes} edges={edges} onExpand={(a) => void expand(a)} label={t('rings.graphLabel', { count: nodes.length })} />
        <label className="row">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          {t('rings.showTwoHops', { count: ring.subgraph.nodes.length })}
        </label>
        {ring.knownBad.length > 0 && (
          <p data-testid="ring-known-bad"><Link to="/rings/known-bad" className="badge badge-sev-critical">{t('knownBad.badge')}</Link> {t('knownBad.inSubgraph', { count: ring.knownBad.length })}</p>
        )}
        {ring.subgraph.truncated && <p className="muted">{t('rings.truncated')}</p>}
        {expanding && <p role="status" className="muted">{t('rings.expanding', { account: expanding })}</p>}
        {expandError !== null && <ErrorState error={expandError} />}
      </div>
      <div className="grid-2">
        <div className="panel">
          <h2>{t('rings.members')}</h2>
          <AccountTable testId="ring-members" accounts={ring.members} listed={listed} expanding={expanding} onExpand={(a) => void expand(a)} />
          {ring.context.length > 0 && (
            <>
              <h3>{t('rings.structure')}</h3>
              <p className="muted">{t('rings.structureHint')}</p>
              <AccountTable testId="ring-structure" accounts={ring.context} listed={listed} expanding={expanding} onExpand={(a) => void expand(a)} />
            </>
          )}
        </div>
        <div className="panel">
          <h2>{t('rings.reasons')}</h2>
          <ul>{ring.reasons.map((r) => <li key={r.code}>{localText(r.text, lang)} <span className="muted">(+{r.points})</span></li>)}</ul>
        </div>
      </div>
      {/* Full width: two 19–20 digit account numbers, a time and an amount do not fit half a page. */}
      <div className="panel">
        <h2>{t('rings.transactions')}</h2>
        <div className="table-wrap">
          <table className="table compact" data-testid="ring-transactions">
            <thead><tr><th scope="col">{t('txn.occurredAt')}</th><th scope="col">{t('txn.debit')}</th><th scope="col">{t('txn.credit')}</th><th scope="col" className="num">{t('txn.amount')}</th></tr></thead>
            <tbody>
              {ring.transactions.map((x) => (
                <tr key={x.txnId} className={x.context ? 'muted' : undefined}>
                  <td>
                    <Link to={`/transactions/${encodeURIComponent(x.txnId)}`}>{formatTime(Date.parse(x.occurredAt), lang)}</Link>
                    {x.context && <> <span className="badge badge-context" title={t('rings.structureTagHint')} data-testid="structure-transfer">{t('rings.structureTag')}</span></>}
                  </td>
                  <td>{x.src}</td><td>{x.dst}</td><td className="num">{formatAmount(x.amountMinor, 'CNY', lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

export function RingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['ring', id], queryFn: () => unwrap(api.GET('/api/v1/rings/findings/{id}', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="ring-title">
      <p><Link to="/rings">← {t('rings.back')}</Link></p>
      <QueryView query={q}>{(ring) => <Ring ring={ring} />}</QueryView>
    </section>
  );
}
