import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, TXN_TYPES } from '../src/domain/transaction.ts';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const WEB_SRC = path.resolve(import.meta.dirname, '../web/src');
const catalogue = (lang: string) => JSON.parse(fs.readFileSync(path.join(WEB_SRC, 'locales', `${lang}.json`), 'utf8')) as Tree;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const zh = flatten(catalogue('zh-CN'));
const enMap = flatten(catalogue('en'));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web i18n catalogues', () => {
  it('zh-CN and en have exactly the same keys, none empty', () => {
    const missingInEn = [...zh.keys()].filter((k) => !enMap.has(k));
    const missingInZh = [...enMap.keys()].filter((k) => !zh.has(k));
    expect({ missingInEn, missingInZh }).toEqual({ missingInEn: [], missingInZh: [] });
    const empty = [...zh, ...enMap].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('a message has the same {{placeholders}} in both languages', () => {
    const mismatched = [...zh.keys()].filter((k) => enMap.has(k) && placeholders(zh.get(k)!).join() !== placeholders(enMap.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it('every literal key the app passes to t() exists in the catalogues', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(WEB_SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
      // navigation labels are keys kept in a table
      for (const m of text.matchAll(/\blabel: '([a-z]+\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !zh.has(k)).sort()).toEqual([]);
  });

  it('every channel, transaction type and decision of the platform has a label', () => {
    const keys = [...CHANNELS.map((c) => `channel.${c}`), ...TXN_TYPES.map((t) => `txnType.${t}`), 'decision.allow', 'decision.review', 'decision.block'];
    expect(keys.filter((k) => !zh.has(k) || !enMap.has(k))).toEqual([]);
  });
});
