import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { Empty, QueryView } from '../components/States.tsx';
import { useBranches } from '../lib/branches.ts';
import { branchLabel } from '../lib/branch-tree.ts';

/** A customer (personal data masked unless the role may see it; the read is audited) and their accounts, each a way into its transactions. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const branches = useBranches();
  const q = useQuery({ queryKey: ['customer', id], queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })), retry: false });
  const dash = (v: string | null) => v ?? '—';
  return (
    <section aria-labelledby="customer-title">
      <p><Link to="/customers">← {t('customer.back')}</Link></p>
      <h1 id="customer-title">{t('customer.detailTitle', { id })}</h1>
      <QueryView query={q}>
        {({ customer: c, accounts }) => (
          <>
            <div className="panel">
              <h2>{c.name}</h2>
              {c.masked && <p className="muted" role="note">{t('customer.masked')}</p>}
              <dl className="kv" data-testid="customer-detail">
                <dt>{t('customer.kind')}</dt><dd>{t(`customer.kinds.${c.kind}`)}</dd>
                <dt>{t('customer.idNumber')}</dt><dd>{dash(c.idNumber)}</dd>
                <dt>{t('customer.phone')}</dt><dd>{dash(c.phone)}</dd>
                <dt>{t('customer.address')}</dt><dd>{dash(c.address)}</dd>
                <dt>{t('customer.birthDate')}</dt><dd>{dash(c.birthDate)}</dd>
                <dt>{t('customer.occupation')}</dt><dd>{dash(c.occupation)}</dd>
                <dt>{t('customer.riskLevel')}</dt><dd><span className={`badge badge-risk-${c.riskLevel}`}>{t(`customer.risk.${c.riskLevel}`)}</span></dd>
                <dt>{t('customer.kyc')}</dt><dd>{dash(c.kycDate)} / {dash(c.kycReviewDate)}</dd>
                <dt>{t('customer.branch')}</dt><dd>{branchLabel(c.branchId, branches.data?.items)}</dd>
              </dl>
              <p><Link to={`/transactions?customer=${encodeURIComponent(c.id)}`}>{t('customer.allTransactions')}</Link></p>
            </div>
            <div className="panel">
              <h2>{t('customer.accounts')}</h2>
              {accounts.length === 0 ? <Empty /> : (
                <div className="table-wrap">
                  <table className="table compact" data-testid="customer-accounts">
                    <thead><tr><th scope="col">{t('customer.account')}</th><th scope="col">{t('customer.accountType')}</th><th scope="col">{t('customer.status')}</th><th scope="col">{t('customer.openedAt')}</th><th scope="col">{t('customer.branch')}</th></tr></thead>
                    <tbody>
                      {accounts.map((a) => (
                        <tr key={a.id}>
                          <td><Link to={`/transactions?account=${encodeURIComponent(a.id)}`}>{a.id}</Link></td>
                          <td>{t(`customer.accountTypes.${a.type}`)}</td>
                          <td>{t(`customer.accountStatus.${a.status}`)}</td>
                          <td>{a.openedAt}</td>
                          <td>{branchLabel(a.branchId, branches.data?.items)}</td>
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
