import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { Empty, ErrorState } from '../components/States.tsx';
import { useBranches } from '../lib/branches.ts';
import { branchLabel } from '../lib/branch-tree.ts';

type By = 'idNumber' | 'phone';

/**
 * 客户查询: a customer found by exact ID number or phone (keyed-hash lookup on the server). The
 * number goes in the request body, never in the page's address (browser history, proxy logs); each
 * customer shown is an audited read, and personal data comes back masked unless the role may see it.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const branches = useBranches();
  const [by, setBy] = useState<By>('idNumber');
  const [value, setValue] = useState('');
  const search = useMutation({
    mutationFn: (q: { by: By; value: string }) => unwrap(api.POST('/api/v1/customers/search', { body: { [q.by]: q.value } })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim().length >= 4) search.mutate({ by, value: value.trim() });
  };
  return (
    <section aria-labelledby="cus-title">
      <h1 id="cus-title">{t('customer.title')}</h1>
      <form className="panel" onSubmit={submit} aria-label={t('customer.searchLabel')}>
        <div className="row">
          <label>{t('customer.by')}
            <select value={by} onChange={(e) => setBy(e.target.value as By)}>
              <option value="idNumber">{t('customer.idNumber')}</option>
              <option value="phone">{t('customer.phone')}</option>
            </select>
          </label>
          <label>{t('customer.number')}
            <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" minLength={4} maxLength={64} required />
          </label>
          <button type="submit" className="btn btn-primary" disabled={search.isPending}>{t('common.apply')}</button>
        </div>
        <p className="muted">{t('customer.searchNote')}</p>
      </form>
      {search.isError && <ErrorState error={search.error} />}
      {search.data && (search.data.items.length === 0 ? <Empty>{t('customer.noneFound')}</Empty> : (
        <div className="panel table-wrap">
          <table className="table" data-testid="customer-results">
            <thead><tr><th scope="col">{t('customer.id')}</th><th scope="col">{t('customer.name')}</th><th scope="col">{t('customer.kind')}</th><th scope="col">{t('customer.branch')}</th><th scope="col">{t('customer.riskLevel')}</th></tr></thead>
            <tbody>
              {search.data.items.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.id}</Link></td>
                  <td>{c.name}</td>
                  <td>{t(`customer.kinds.${c.kind}`)}</td>
                  <td>{branchLabel(c.branchId, branches.data?.items)}</td>
                  <td><span className={`badge badge-risk-${c.riskLevel}`}>{t(`customer.risk.${c.riskLevel}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
