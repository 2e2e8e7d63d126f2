type Label = { 'zh-CN': string; en: string };

/**
 * The engine's feature catalogue as GET /api/v1/features sends it (the parts read here; the web
 * typecheck fails if the API's generated type stops fitting, since the picker passes that data in).
 */
export interface FeatureCatalogue {
  entities: Array<{ prefix: string; label: Label }>;
  windows: Array<{ id: string; label: Label }>;
  units: Array<{ id: string; label: Label }>;
  families: Array<{ name: string; unit: string; windows: string[]; label: Label }>;
  scalars: Array<{ name: string; unit: string; categories?: string[]; label: Label }>;
}

export interface FeatureDescription {
  /** What the value measures, in the reader's language ("交易对手账户 · 近 24 小时 · 出账金额合计"). */
  text: string;
  /** Unit of the value (for the threshold). */
  unit: string;
  /** Allowed values of a category feature. */
  categories?: string[];
}

const pick = (l: Label, lang: string) => (lang.startsWith('zh') ? l['zh-CN'] : l.en);

/**
 * Reads a feature name the way the engine resolves it (src/engine/features/catalogue.ts): a scalar
 * by its name, else `[entity prefix]<family>_<window>` where a name that starts with a prefix is
 * read with it, and the window must be one the family accepts. Null: not a feature name.
 */
export function describeFeature(name: string, cat: FeatureCatalogue, lang: string): FeatureDescription | null {
  const unitOf = (u: string) => pick(cat.units.find((x) => x.id === u)?.label ?? { 'zh-CN': u, en: u }, lang);
  const scalar = cat.scalars.find((s) => s.name === name);
  if (scalar) return { text: pick(scalar.label, lang), unit: unitOf(scalar.unit), ...(scalar.categories ? { categories: scalar.categories } : {}) };
  const entity = cat.entities.find((e) => e.prefix !== '' && name.startsWith(e.prefix)) ?? cat.entities.find((e) => e.prefix === '');
  if (!entity) return null;
  const rest = name.slice(entity.prefix.length);
  for (const w of cat.windows) {
    if (!rest.endsWith(`_${w.id}`)) continue;
    const family = cat.families.find((f) => f.name === rest.slice(0, -w.id.length - 1));
    if (!family || !family.windows.includes(w.id)) return null;
    return { text: [entity.label, w.label, family.label].map((l) => pick(l, lang)).join(' · '), unit: unitOf(family.unit) };
  }
  return null;
}

/** Every name the catalogue offers, with its description, for the editor's suggestions. */
export function featureOptions(cat: FeatureCatalogue, lang: string): Array<{ name: string; text: string }> {
  const out = cat.scalars.map((s) => ({ name: s.name, text: pick(s.label, lang) }));
  for (const e of cat.entities) {
    for (const f of cat.families) {
      for (const w of f.windows) {
        const label = cat.windows.find((x) => x.id === w)!.label;
        out.push({ name: `${e.prefix}${f.name}_${w}`, text: [e.label, label, f.label].map((l) => pick(l, lang)).join(' · ') });
      }
    }
  }
  return out;
}
