import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.1 AA: text needs a contrast ratio of at least 4.5:1 against its background. Every CSS rule
 * of the web app that sets both a text colour and a background colour is checked, plus the page's
 * base text colours against the page and panel backgrounds.
 */
const CSS = fs.readFileSync(path.resolve(import.meta.dirname, '../web/src/styles.css'), 'utf8');

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const vars = Object.fromEntries([...CSS.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})/g)].map((m) => [m[1], m[2]]));
const resolve = (v: string) => (v.startsWith('var(') ? vars[v.slice(6, -1)] : v);

describe('web app colours', () => {
  it('computes contrast like WCAG (black on white is 21:1)', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#777', '#fff')).toBeLessThan(4.5);
  });

  it('every rule with a text and a background colour meets AA (4.5:1)', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const m of CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const body = m[2];
      const fg = body.match(/(?:^|;)\s*color:\s*(#[0-9a-fA-F]{3,6}|var\(--[\w-]+\))/)?.[1];
      const bg = body.match(/background(?:-color)?:\s*(#[0-9a-fA-F]{3,6}|var\(--[\w-]+\))/)?.[1];
      if (!fg || !bg) continue;
      checked++;
      const ratio = contrast(resolve(fg), resolve(bg));
      if (ratio < 4.5) failures.push(`${m[1].trim()}: ${fg} on ${bg} = ${ratio.toFixed(2)}`);
    }
    expect(checked).toBeGreaterThan(8);
    expect(failures).toEqual([]);
  });

  it('body, muted and link text meet AA on the page and panel backgrounds', () => {
    for (const fg of [vars.fg, vars.muted, vars.primary, vars.danger, vars.ok, vars.warn]) {
      for (const bg of [vars.bg, vars.panel]) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
