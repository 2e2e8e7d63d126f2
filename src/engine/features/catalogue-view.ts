import { WINDOW_IDS, type WindowId } from '../state/flags.ts';
import { ENTITY_PREFIX, FAMILY_NAMES, resolveFeature, type Entity, type Unit } from './catalogue.ts';
import { SCALARS } from './scalars.ts';
import { ENTITY_LABELS, FAMILY_LABELS, SCALAR_LABELS, UNIT_LABELS, WINDOW_LABELS, type Label } from './labels.ts';

/**
 * Everything a rule may name, for people writing rules: windowed names are
 * `[entity prefix]<family>_<window>` (docs/features.md), each family listing the windows it
 * accepts; scalars are plain names. Windows are taken from the resolver itself, so the view never
 * offers a name the rule validator would refuse.
 */
export interface FeatureCatalogue {
  entities: Array<{ prefix: string; entity: Entity; label: Label }>;
  windows: Array<{ id: WindowId; label: Label }>;
  units: Array<{ id: Unit; label: Label }>;
  families: Array<{ name: string; unit: Unit; windows: WindowId[]; label: Label }>;
  scalars: Array<{ name: string; entity: Entity; unit: Unit; categories?: string[]; label: Label }>;
}

let built: FeatureCatalogue | null = null;

export function featureCatalogue(): FeatureCatalogue {
  if (built) return built;
  const families = FAMILY_NAMES.map((name) => {
    const windows = WINDOW_IDS.filter((w) => resolveFeature(`${name}_${w}`) !== undefined);
    return { name, unit: resolveFeature(`${name}_${windows[0]}`)!.unit, windows, label: FAMILY_LABELS[name] };
  });
  const scalars = [...SCALARS.values()].map((s) => ({
    name: s.name, entity: s.entity, unit: s.unit, ...(s.categories ? { categories: [...s.categories] } : {}), label: SCALAR_LABELS[s.name],
  }));
  built = {
    entities: Object.entries(ENTITY_PREFIX).map(([prefix, entity]) => ({ prefix, entity, label: ENTITY_LABELS[entity] })),
    windows: WINDOW_IDS.map((id) => ({ id, label: WINDOW_LABELS[id] })),
    units: (Object.keys(UNIT_LABELS) as Unit[]).map((id) => ({ id, label: UNIT_LABELS[id] })),
    families,
    scalars,
  };
  return built;
}
