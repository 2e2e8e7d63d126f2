import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/principal.ts';
import { DetectorParamsView } from './rings.params-view.ts';
import type { RingsService } from './rings.service.ts';
import type { KnownBadService } from './known-bad.service.ts';
import { KnownBadAddBody, KnownBadListQuery, KnownBadRemoveBody, KnownBadView, knownBadView } from './known-bad.schema.ts';
import {
  AccountGraphView, FindingDetailView, FindingListQuery, FindingView, findingDetailView, findingView, MineBody, MineSummaryView, ParamsBody, RunView, runView,
} from './rings.schema.ts';

/** Ring findings, mining runs, detector parameters and the known-bad list of the caller's institution. */
export function ringsRoutes(app: FastifyInstance, rings: RingsService, knownBad: KnownBadService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rings'];

  r.get('/rings/findings', {
    config: { permission: 'rings:read' },
    schema: {
      tags, summary: 'Ring findings (团伙线索), best score first; filter by typology, minimum score, activity dates, account',
      querystring: FindingListQuery,
      response: { 200: z.object({ items: z.array(FindingView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
    },
  }, async (req) => {
    const q = req.query;
    const { items, total } = await rings.list(principalOf(req).scope.institutionId, {
      ...q, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined,
    });
    return { items: items.map(findingView), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/rings/findings/:id', {
    config: { permission: 'rings:read' },
    schema: {
      tags, summary: 'One finding: members with roles, its transactions in time order, the 2-hop subgraph as nodes/edges and which of its accounts are known bad',
      params: z.object({ id: z.string() }),
      response: { 200: FindingDetailView },
    },
  }, async (req) => {
    const inst = principalOf(req).scope.institutionId;
    const f = await rings.detail(inst, req.params.id);
    const listed = await knownBad.find(inst, f.subgraph.nodes.map((n) => n.id));
    return findingDetailView(f, listed.map(knownBadView));
  });

  r.post('/rings/mine', {
    config: { permission: 'rings:mine' },
    schema: { tags, summary: 'Mine a time window now; findings are upserted by key (re-running does not duplicate)', body: MineBody, response: { 200: MineSummaryView } },
  }, async (req) => {
    const p = principalOf(req);
    return rings.mineWindow({
      institutionId: p.scope.institutionId, from: Date.parse(req.body.from), to: Date.parse(req.body.to), actor: p.actor, trigger: 'api',
    });
  });

  r.get('/rings/accounts/:id', {
    config: { permission: 'rings:read' },
    schema: {
      tags, summary: 'An account\'s graph features from the latest mining run (what the scoring engine reads as graph_* features)',
      params: z.object({ id: z.string() }),
      response: { 200: AccountGraphView },
    },
  }, async (req) => {
    const inst = principalOf(req).scope.institutionId;
    const [g, [listed]] = await Promise.all([rings.accountGraph(inst, req.params.id), knownBad.find(inst, [req.params.id])]);
    const f = g.features;
    return {
      account: g.account, run: g.run && runView(g.run), knownBad: listed ? knownBadView(listed) : null,
      features: f && { ...f, badDistance: Number.isNaN(f.badDistance) ? null : f.badDistance },
    };
  });

  r.get('/rings/known-bad', {
    config: { permission: 'rings:read' },
    schema: {
      tags, summary: 'The known-bad account list (已知涉案账户名单), newest first; mining scores rings near these, the engine reads graph_known_bad',
      querystring: KnownBadListQuery,
      response: { 200: z.object({ items: z.array(KnownBadView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
    },
  }, async (req) => {
    const q = req.query;
    const { items, total } = await knownBad.list(principalOf(req).scope.institutionId, q);
    return { items: items.map(knownBadView), total, page: q.page, pageSize: q.pageSize };
  });

  r.post('/rings/known-bad', {
    config: { permission: 'rings:flag' },
    schema: {
      tags, summary: 'List accounts as known bad (up to 1,000 at once; audited). Accounts already listed keep their listing and come back as unchanged',
      body: KnownBadAddBody,
      response: { 200: z.object({ added: z.array(KnownBadView), unchanged: z.array(KnownBadView) }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { added, unchanged } = await knownBad.add(p.scope.institutionId, req.body.entries, p.actor);
    return { added: added.map(knownBadView), unchanged: unchanged.map(knownBadView) };
  });

  r.delete('/rings/known-bad/:accountId', {
    config: { permission: 'rings:flag' },
    schema: {
      tags, summary: 'Take an account off the known-bad list, with the reason (audited)',
      params: z.object({ accountId: z.string() }), body: KnownBadRemoveBody, response: { 200: KnownBadView },
    },
  }, async (req) => {
    const p = principalOf(req);
    return knownBadView(await knownBad.remove(p.scope.institutionId, req.params.accountId, req.body.reason, p.actor));
  });

  r.get('/rings/runs', {
    config: { permission: 'rings:read' },
    schema: { tags, summary: 'Recent mining runs', response: { 200: z.object({ items: z.array(RunView) }) } },
  }, async (req) => ({ items: (await rings.runs(principalOf(req).scope.institutionId)).map(runView) }));

  r.get('/rings/params', {
    config: { permission: 'rings:read' },
    schema: {
      tags, summary: 'Current detector parameters (version 0 = built-in defaults) and the version history',
      response: { 200: z.object({ version: z.number().int(), params: DetectorParamsView, versions: z.array(z.object({
        version: z.number().int(), createdBy: z.string(), createdByName: z.string().nullable().describe('the user\'s or service key\'s name'),
        createdAt: z.string(), comment: z.string().nullable(),
      })) }) },
    },
  }, async (req) => {
    const inst = principalOf(req).scope.institutionId;
    const cur = await rings.params(inst);
    const versions = (await rings.paramVersions(inst)).map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() }));
    return { ...cur, versions };
  });

  r.put('/rings/params', {
    config: { permission: 'rings:configure' },
    schema: {
      tags, summary: 'Save a new version of the detector parameters (partial changes merged over the current version; audited)',
      body: ParamsBody, response: { 200: z.object({ version: z.number().int(), params: DetectorParamsView }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    return rings.updateParams(p.scope.institutionId, req.body.params, p.actor, req.body.comment ?? null);
  });
}
