import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMIT } from '../../src/auth/auth.routes.ts';
import { buildTestApp, type TestApp } from './app.helper.ts';

describe('rate limits, body limits and security headers', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(); });
  afterAll(async () => { await t?.close(); });

  it('answers oversized sign-in bodies with 413 before reading them', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'admin', password: 'x'.repeat(20_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('sends a CSP that admits only the app\'s own scripts and styles, and no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // Also on errors and on routes registered inside plugins (the headers come from a root hook).
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(String(missing.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/transactions' });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['x-content-type-options']).toBe('nosniff');
    // Every header helmet sets (computed once at start, set on each response), with helmet's values.
    expect(res.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'origin-agent-cluster': '?1',
      'x-dns-prefetch-control': 'off', 'x-download-options': 'noopen', 'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none', 'x-xss-protection': '0',
    });
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only with OUTPOST_SECURE_COOKIES=on
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const attempt = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'ghost', password: 'nope' }, remoteAddress: '203.0.113.9' });
    const codes: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMIT.max + 2; i++) codes.push((await attempt()).statusCode);
    expect(codes.slice(0, SIGN_IN_LIMIT.max).every((c) => c === 401)).toBe(true);
    expect(codes.slice(SIGN_IN_LIMIT.max)).toEqual([429, 429]);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'ghost', password: 'nope' }, remoteAddress: '203.0.113.10' });
    expect(other.statusCode).toBe(401);
  });
});
