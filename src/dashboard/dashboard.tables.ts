/** Table types of the dashboard context (migration 0022), merged into the store's DB interface. */
export interface TxnRollupsTable {
  institution_id: string;
  kind: string;
  day: number;
  branch_id: string;
  decision: string;
  count: number;
}

export interface ScenarioRollupsTable {
  institution_id: string;
  day: number;
  branch_id: string;
  scenario_id: string;
  typology: string;
  severity: string;
  hits: number;
}

export interface RollupPositionsTable {
  institution_id: string;
  seq: number;
  offset_ms: number;
}

/** Log positions of the transactions each scenario fired on (migration 0025). */
export interface ScenarioHitLogTable {
  institution_id: string;
  scenario_id: string;
  seq: number;
}

declare module '../store/schema.ts' {
  interface DB {
    scenario_hit_log: ScenarioHitLogTable;
    txn_rollups: TxnRollupsTable;
    scenario_rollups: ScenarioRollupsTable;
    rollup_positions: RollupPositionsTable;
  }
}
