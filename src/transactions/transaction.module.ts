import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Module } from '../app/module.ts';
import { principalOf } from '../http/principal.ts';
import { notFound } from '../shared/errors.ts';
import { parseMinorUnits } from '../domain/money.ts';
import { LIST_COUNT_CAP, TransactionQueryRepository } from './transaction-query.repository.ts';
import { rollupOf } from '../dashboard/dashboard.module.ts';
import { RollupRepository } from '../dashboard/rollup.repository.ts';
import { TransactionListQuery, TransactionView, transactionView } from './transaction.schema.ts';

const minor = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const r = parseMinorUnits(v, 'CNY');
  return r.ok ? r.minor : undefined;
};

/** Reading the scored transaction log: the filtered list and one transaction with its context. */
export const transactionModule: Module = {
  name: 'transactions',
  routes(app, c) {
    // Lists over the whole log take up to seconds on a large bank: read them off the request thread.
    // Totals of lists filtered by branch and decision alone come from the dashboard's rollups, folded first.
    const rollups = new RollupRepository(c.database.db);
    const repo = new TransactionQueryRepository(c.database.reader, LIST_COUNT_CAP, undefined, async (scope, only) => {
      await rollupOf(c).catchUp(scope.institutionId);
      return rollups.txnTotal(scope, only);
    });
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/transactions', {
      config: { permission: 'transactions:read' },
      schema: {
        tags: ['transactions'],
        summary: 'Scored transactions, filtered, sorted and paginated on the server',
        description: 'Amounts are decimal major units compared in each transaction\'s own currency.',
        querystring: TransactionListQuery,
        response: {
          200: z.object({
            items: z.array(TransactionView),
            total: z.number().int().describe(`matches: exact for a list filtered by nothing but branch and decision (from the daily rollups), otherwise counted up to ${LIST_COUNT_CAP.toLocaleString('en')}`),
            totalExact: z.boolean().describe('false when more transactions match than were counted (total is then a lower bound)'),
            page: z.number().int(), pageSize: z.number().int(),
          }),
        },
      },
    }, async (req) => {
      const q = req.query;
      const scope = principalOf(req).scope;
      // The scenario filter reads the scenario hit log: fold what was stored since it was last read.
      if (q.scenario) await rollupOf(c).catchUp(scope.institutionId);
      const { items, total, totalExact } = await repo.list(scope, {
        ...q,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        minAmountMinor: minor(q.minAmount),
        maxAmountMinor: minor(q.maxAmount),
      });
      return { items: items.map(transactionView), total, totalExact, page: q.page, pageSize: q.pageSize };
    });

    r.get('/transactions/:id', {
      config: { permission: 'transactions:read' },
      schema: {
        tags: ['transactions'], summary: 'One transaction with its score, fired scenarios (with evaluation traces) and the account\'s recent activity',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ transaction: TransactionView, recentActivity: z.array(TransactionView) }) },
      },
    }, async (req) => {
      const scope = principalOf(req).scope;
      const t = await repo.get(scope, req.params.id);
      if (!t) throw notFound('transaction', req.params.id);
      const account = t.debitAccount ?? t.creditAccount;
      const recent = account ? await repo.recentForAccount(scope, account, 20) : [];
      return { transaction: transactionView(t), recentActivity: recent.map(transactionView) };
    });
  },
};
