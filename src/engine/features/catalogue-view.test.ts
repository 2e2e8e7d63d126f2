import { describe, expect, it } from 'vitest';
import { featureCatalogue } from './catalogue-view.ts';
import { FAMILY_NAMES, resolveFeature } from './catalogue.ts';
import { SCALARS } from './scalars.ts';
import { FAMILY_LABELS, SCALAR_LABELS } from './labels.ts';

describe('feature catalogue for rule writers', () => {
  it('labels every family and scalar in both languages, and nothing that does not exist', () => {
    const c = featureCatalogue();
    for (const f of [...c.families, ...c.scalars]) {
      expect(f.label?.['zh-CN'], f.name).toMatch(/\S/);
      expect(f.label?.en, f.name).toMatch(/\S/);
    }
    expect(Object.keys(FAMILY_LABELS).sort()).toEqual([...FAMILY_NAMES].sort());
    expect(Object.keys(SCALAR_LABELS).sort()).toEqual([...SCALARS.keys()].sort());
  });

  it('offers exactly the names the resolver accepts', () => {
    const c = featureCatalogue();
    const velocity = c.families.find((f) => f.name === 'out_velocity')!;
    // a velocity needs a 90-day baseline: sliding windows shorter than 90 days only
    expect(velocity.windows).toEqual(['1h', '24h', '7d', '30d']);
    expect(c.families.find((f) => f.name === 'max_out')!.windows).not.toContain('life');
    expect(c.families.find((f) => f.name === 'out_sum')!.unit).toBe('CNY');
    for (const f of c.families) {
      for (const e of c.entities) {
        for (const w of c.windows) {
          const ok = resolveFeature(`${e.prefix}${f.name}_${w.id}`) !== undefined;
          expect(ok, `${e.prefix}${f.name}_${w.id}`).toBe(f.windows.includes(w.id));
        }
      }
    }
    expect(c.scalars.find((s) => s.name === 'channel')!.categories).toContain('mobile');
  });
});
