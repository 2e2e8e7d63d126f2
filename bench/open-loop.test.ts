import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openLoop } from './open-loop.ts';

let server: http.Server | null = null;
afterEach(async () => { await new Promise((r) => (server ? server.close(r) : r(undefined))); server = null; });

/** A server answering /big with 200 KB, /slow after 30 ms, anything else 404; it records POST bodies. */
async function start(keepAliveTimeout = 5_000): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const big = JSON.stringify({ data: 'x'.repeat(200_000) });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      if (req.method === 'POST') bodies.push(body);
      if (req.url === '/big') res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) }).end(big);
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200, { 'content-length': 2 }).end('{}'), 30);
      else res.writeHead(404, { 'content-length': 0 }).end();
    });
  });
  server.keepAliveTimeout = keepAliveTimeout;
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('open-loop load generator (plain keep-alive sockets)', () => {
  it('sends every request with its body and reads answers that span many reads', async () => {
    const { url, bodies } = await start();
    const r = await openLoop({ url: `${url}/big`, method: 'POST', headers: { 'content-type': 'application/json' }, body: (i) => JSON.stringify({ i, text: '交易' }), ratePerSec: 200, durationSec: 1, warmupSec: 0.25 });
    expect(r).toMatchObject({ sent: 200, counted: 150, errors: 0, non2xx: 0 });
    expect(bodies.map((b) => JSON.parse(b).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(JSON.parse(bodies[0]).text).toBe('交易');
  });

  it('counts answers outside 2xx and measures the server\'s delay', async () => {
    const { url } = await start();
    expect(await openLoop({ url: `${url}/missing`, ratePerSec: 100, durationSec: 0.5, warmupSec: 0 })).toMatchObject({ sent: 50, non2xx: 50, errors: 0 });
    const slow = await openLoop({ url: `${url}/slow`, ratePerSec: 100, durationSec: 0.5, warmupSec: 0 });
    expect(slow.errors + slow.non2xx).toBe(0);
    expect(slow.p50Ms).toBeGreaterThanOrEqual(30);
  });

  it('replaces connections the server closed while idle, without errors', async () => {
    const { url } = await start(50);
    const r = await openLoop({ url: `${url}/slow`, ratePerSec: 10, durationSec: 1.5, warmupSec: 0, connections: 4 });
    expect(r).toMatchObject({ sent: 15, errors: 0, non2xx: 0, counted: 15 });
  });
});
