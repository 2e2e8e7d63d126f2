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
  /** JSON: the EngineSnapshot (src/engine/engine.ts) without its parts. */
  body: string;
  /** Its parts' key in `engine_snapshot_parts`, and how many there are. */
  snapshot_id: string;
  parts: number;
  created_at: number;
}

/** The bytes of an engine snapshot, in order (`part` from 0), at most SNAPSHOT_PART_BYTES each. */
export interface EngineSnapshotPartsTable {
  institution_id: string;
  snapshot_id: string;
  part: number;
  data: Uint8Array;
  created_at: number;
}

declare module '../store/schema.ts' {
  interface DB {
    scenario_versions: ScenarioVersionsTable;
    engine_snapshots: EngineSnapshotsTable;
    engine_snapshot_parts: EngineSnapshotPartsTable;
  }
}
