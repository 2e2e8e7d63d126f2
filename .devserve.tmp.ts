// TEMPORARY local dev harness (not part of the product; deleted before report)
import { loadConfig } from './src/config.ts';
import { createContainer } from './src/app/container.factory.ts';
import { MODULES } from './src/app/modules.ts';
import { buildApp } from './src/http/app.ts';
import { createEngine, builtInScenarios, mapProfileLookup } from './src/engine/index.ts';
import type { Module } from './src/app/module.ts';
const engines = new Map();
const tmpScorer: Module = { name: 'tmp-scorer', init(c) { c.services.set('scorer', async (inst: string) => { if (!engines.has(inst)) engines.set(inst, createEngine({ profiles: mapProfileLookup(new Map()), scenarios: builtInScenarios })); return engines.get(inst); }); } };
const mods = [tmpScorer, ...MODULES];
const config = loadConfig();
const c = await createContainer({ config, modules: mods });
for (const m of mods) await m.start?.(c);
const app = await buildApp(c, mods, { logger: false });
await app.listen({ port: config.port, host: '127.0.0.1' });
console.log('Outpost listening on', config.port);
