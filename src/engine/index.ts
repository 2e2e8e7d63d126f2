/** Public entry of the pure scoring engine. */
export { createEngine, type Engine, type EngineOptions, type EngineSnapshot, type EngineHit, type EngineResult } from './engine.ts';
export { compileScenario, validateScenario, type CompiledScenario, type TraceNode } from './rules/compile.ts';
export { expandTrace, storedTrace, type StoredTrace } from './rules/trace-form.ts';
export { ScenarioSchema, OPS, type ScenarioDef, type ScenarioInput, type Condition, type Comparison } from './rule.schema.ts';
export { builtInScenarios } from './scenarios/index.ts';
export { mapProfileLookup, type AccountGraphFeatures, type AccountProfile, type GraphLookup, type ProfileLookup } from './profile.ts';
export { DEFAULT_FX_TABLE, toCnyMinor, type FxTable } from './fx.ts';
export { PBOC_2016_THRESHOLDS, type LargeValueThresholds } from './thresholds.ts';
export { DEFAULT_SCORING, type ScoringConfig } from './scoring.ts';
export { resolveFeature, type FeatureSpec } from './features/catalogue.ts';
export { featureCatalogue, type FeatureCatalogue } from './features/catalogue-view.ts';
