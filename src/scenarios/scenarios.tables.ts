/** Table types of the scenarios context, merged into the store's DB interface. */
export interface ScenarioVersionsTable {
  id: string;
  institution_id: string;
  scenario_id: string;
  version: number;
  /** draft | active | inactive | superseded */
  status: string;
  /** JSON: the scenario document (rule language, src/engine/rule.schema.ts). */
  body: string;
  built_in: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** The latest engine snapshot of an institution and the log position it covers. */
export interface EngineSnapshotsTable {
  institution_id: string;
  seq: number;
  observed: number;
  /** JSON: EngineSnapshot (src/engine/engine.ts). */
  body: string;
  created_at: number;
}

declare module '../store/schema.ts' {
  interface DB {
    scenario_versions: ScenarioVersionsTable;
    engine_snapshots: EngineSnapshotsTable;
  }
}
