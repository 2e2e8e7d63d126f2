import type { RankModel } from './ranker.ts';

/**
 * The candidate ranker's weights, fitted by `npx tsx eval/train-ranker.ts` on AMLGentex dev-10k
 * steps 0–59 only (the train split; the test steps 60–99 were never read). Features: RANK_FEATURES
 * in src/graph/ranker.ts. Re-fit when the features or the detectors' defaults change.
 */
export const DEFAULT_RANK_MODEL: RankModel = {"mean":[0.3646,0.3264,0.1229,0.0005,0.1187,0.0208,0.0461,2.1579,2.8579,0.9228,0.3533,2.8083,3.1641,4.4927,0.5255,0.3429,0.9024,0.3344,0.0293],"std":[0.4813,0.4689,0.3283,0.0221,0.3234,0.1429,0.2097,0.4464,0.6887,0.1181,0.1309,0.4089,0.4313,0.5796,0.1,0.1951,0.1295,0.1612,0.0696],"weights":[-6.5197,0.5687,0.2808,-0.6871,0.0637,-0.2691,-0.2768,-0.2607,-0.3284,4.1511,-0.2104,0.094,-0.3252,-0.4493,-0.4211,0.2011,-0.036,0.8336,-0.0096,0.1151]};
