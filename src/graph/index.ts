/** Public API of the pure graph-mining module (no I/O). */
export { buildGraph, GraphBuilder, type GraphEdgeInput, type TxnGraph } from './graph.ts';
export {
  findingKey, TYPOLOGIES, type Finding, type FindingMember, type FindingTxn, type Reason, type Role, type Typology,
} from './finding.ts';
export { mine, selectFindings, type MineInput, type MineResult, type MineStep } from './mine.ts';
export { DEFAULT_DETECTOR_PARAMS, detectorParamsSchema, parseDetectorParams, type DetectorParams } from './params.schema.ts';
export { accountFeatures, type AccountFeatures, type FeatureOptions } from './features.ts';
export { findingSubgraph, type Subgraph, type SubgraphEdge, type SubgraphNode } from './subgraph.ts';
export { assignRings, type Ring } from './communities.ts';
export type { AccountIdentifiers, IdentifierKind } from './detectors/shared-identifier.ts';
