import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compileScenario, featureCatalogue } from '../engine/index.ts';
import { principalOf } from '../http/principal.ts';
import { AppError } from '../shared/errors.ts';
import type { ScenariosContext } from './scenarios.module.ts';
import {
  BacktestBody, BacktestView, FeatureCatalogueView, ScenarioDocument, ScenarioSummaryView, ScenarioVersionView, TestBody, ValidationView, versionView,
} from './scenarios.schema.ts';

const Params = z.object({ id: z.string() });
const EngineStateView = z.enum(['ready', 'rebuilding']);
const ENGINE_NOTE = 'Answers once the scoring engine uses the new set (`engine: ready`) or, when it must replay the stored log '
  + 'for a changed feature layout, after at most 10 s with `engine: rebuilding`: the previous set scores until the rebuild ends '
  + '(GET /api/v1/scoring-engine).';

/** Scenario library of the caller's institution: versions, drafts, validation, tests, backtests, activation. */
export function scenarioRoutes(app: FastifyInstance, s: ScenariosContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scenarios'];
  const inst = (req: Parameters<typeof principalOf>[0]) => principalOf(req).scope.institutionId;

  r.get('/scenarios', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Scenarios (场景) with their active and draft versions', response: { 200: z.object({ items: z.array(ScenarioSummaryView) }) } },
  }, async (req) => ({ items: await s.service.list(inst(req)) }));

  r.get('/scenarios/:id', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Every version of one scenario', params: Params, response: { 200: z.object({ items: z.array(ScenarioVersionView) }) } },
  }, async (req) => ({ items: (await s.service.versions(inst(req), req.params.id)).map(versionView) }));

  r.get('/features', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Features a scenario rule may read (特征目录), labelled in zh-CN and en', response: { 200: FeatureCatalogueView } },
  }, async () => featureCatalogue());

  r.post('/scenarios/validate', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Validate a scenario document without storing it (errors with path and reason)', body: ScenarioDocument, response: { 200: ValidationView } },
  }, async (req) => {
    try {
      return { valid: true, errors: [], features: compileScenario(req.body).features };
    } catch (e) {
      if (e instanceof AppError && e.kind === 'validation') return { valid: false, errors: e.details.map((d) => ({ path: d.path, message: d.message, code: d.code as string | undefined, params: d.params as Record<string, string | number | boolean> | undefined })), features: [] };
      throw e;
    }
  });

  r.post('/scenarios', {
    config: { permission: 'scenarios:write' },
    schema: { tags, summary: 'Create a draft (a new version; a new scenario id starts at version 1)', body: ScenarioDocument, response: { 201: ScenarioVersionView } },
  }, async (req, reply) => {
    const v = await s.service.createDraft(inst(req), req.body, principalOf(req).actor);
    return reply.code(201).send(versionView(v));
  });

  r.put('/scenarios/:id/draft', {
    config: { permission: 'scenarios:write' },
    schema: { tags, summary: 'Replace the draft document', params: Params, body: ScenarioDocument, response: { 200: ScenarioVersionView } },
  }, async (req) => versionView(await s.service.editDraft(inst(req), req.params.id, req.body, principalOf(req).actor)));

  r.post('/scenarios/:id/activate', {
    config: { permission: 'scenarios:activate' },
    schema: {
      tags, summary: 'Activate a version (the previous active one is superseded)', description: ENGINE_NOTE,
      params: Params, body: z.object({ version: z.number().int().positive() }), response: { 200: ScenarioVersionView.extend({ engine: EngineStateView }) },
    },
  }, async (req) => {
    const v = await s.service.activate(inst(req), req.params.id, req.body.version, principalOf(req).actor);
    return { ...versionView(v), engine: v.engine };
  });

  r.post('/scenarios/:id/deactivate', {
    config: { permission: 'scenarios:activate' },
    schema: { tags, summary: 'Deactivate a scenario', description: ENGINE_NOTE, params: Params, response: { 200: z.object({ engine: EngineStateView }) } },
  }, async (req) => s.service.deactivate(inst(req), req.params.id, principalOf(req).actor));

  // Not under /scenarios/: a scenario may be named 'engine'.
  r.get('/scoring-engine', {
    config: { permission: 'scenarios:read' },
    schema: {
      tags, summary: 'Whether this server scores with the active scenarios yet (after an activation answered `rebuilding`)',
      response: {
        200: z.object({
          state: z.enum(['ready', 'rebuilding', 'idle']), since: z.string().nullable(), replayed: z.number().int().nullable(),
          share: z.number().nullable().describe('share of the stored log replayed so far (0–0.99)'),
        }),
      },
    },
  }, async (req) => {
    const st = s.runtime.status(inst(req));
    return { state: st.state, since: st.since === null ? null : new Date(st.since).toISOString(), replayed: st.replayed, share: st.share };
  });

  r.post('/scenarios/:id/backtest', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Replay stored history through a version (default: the draft) and the active version; alerts, entities, precision/recall', params: Params, body: BacktestBody, response: { 200: BacktestView } },
  }, async (req) => s.backtest(inst(req), req.params.id, { version: req.body.version, from: Date.parse(req.body.from), to: Date.parse(req.body.to), warmupDays: req.body.warmupDays }));

  r.post('/scenarios/:id/test', {
    config: { permission: 'scenarios:read' },
    schema: { tags, summary: 'Test a version (default: the draft) on the most recent days of stored transactions', params: Params, body: TestBody, response: { 200: BacktestView } },
  }, async (req) => {
    const to = s.now() + 1;
    return s.backtest(inst(req), req.params.id, { version: req.body.version, from: to - req.body.days * 86_400_000, to, warmupDays: 30 });
  });
}
