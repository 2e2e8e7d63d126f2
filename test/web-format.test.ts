import { describe, expect, it } from 'vitest';
import { formatTimeRange, formatAmountCompact } from '../web/src/lib/format.ts';

describe('web: time spans', () => {
  const a = Date.parse('2026-11-14T02:53:00Z'), b = Date.parse('2026-12-01T08:03:00Z');
  it('says the shared year once and keeps both times', () => {
    const zh = formatTimeRange(a, b, 'zh-CN');
    expect(zh.match(/2026/g)).toHaveLength(1);
    expect(zh).toMatch(/11月14日/);
    expect(zh).toMatch(/12月1日/);
    const en = formatTimeRange(a, b, 'en');
    expect(en.match(/2026/g)).toHaveLength(1);
  });
  it('gives the time alone for the end of a span within one day, and both years across a new year', () => {
    expect(formatTimeRange(a, a + 3_600_000, 'zh-CN').split('–')[1]).not.toMatch(/月/);
    expect(formatTimeRange(Date.parse('2026-12-30T02:00:00Z'), Date.parse('2027-01-02T02:00:00Z'), 'zh-CN').match(/202[67]/g)).toEqual(['2026', '2027']);
  });
  it('gives one instant for a span that starts and ends together', () => {
    expect(formatTimeRange(a, a, 'en')).not.toContain('–');
  });
});

describe('formatAmountCompact', () => {
  it('gives a summary figure in the reader\'s units: 万 in Chinese, K / M in English', () => {
    expect(formatAmountCompact(204_300_000, 'CNY', 'zh-CN')).toBe('¥204.3万');
    expect(formatAmountCompact(204_300_000, 'CNY', 'en')).toBe('CN¥2.0M');
    expect(formatAmountCompact(68_940_000, 'CNY', 'en')).toBe('CN¥689.4K');
  });
});
