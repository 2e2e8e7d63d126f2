import type { Module } from '../../src/app/module.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
}

/** A module listed first that records every API route registered after it (all other modules'). */
export function routeCollector(into: RegisteredRoute[]): Module {
  return {
    name: 'route-collector',
    routes(app) {
      app.addHook('onRoute', (r) => {
        const methods = Array.isArray(r.method) ? r.method : [r.method];
        for (const m of methods) {
          if (m === 'HEAD' && into.some((x) => x.method === 'GET' && x.url === r.url)) continue;
          into.push({ method: m, url: r.url, permission: r.config?.permission });
        }
      });
    },
  };
}
