import type { RankModel } from './ranker.ts';

/**
 * The candidate ranker's weights, fitted by `npx tsx eval/train-ranker.ts` on AMLGentex dev-10k
 * steps 0–59 only (the train split; the test steps 60–99 were never read). Features: RANK_FEATURES
 * in src/graph/ranker.ts. Re-fit when the features or the detectors' defaults change.
 */
export const DEFAULT_RANK_MODEL: RankModel = {"mean":[0.369,0.3303,0.1243,0.0017,0.1079,0.0211,0.0457,1.6726,3.4607,0.9657,0.2346,1.8383,3.7064,4.4901,0.5182,0.5597,0.66,0.3791,0.0261],"std":[0.4825,0.4703,0.3299,0.0416,0.3103,0.1437,0.2087,0.4351,0.8848,0.1031,0.1961,1.2514,0.6519,0.5838,0.1048,0.3112,0.3667,0.292,0.0913],"weights":[-3.5006,0.0812,-0.0463,0.0716,0.2319,-0.1176,-0.0678,-0.0215,-0.3609,4.9443,-1.4821,-0.1125,-0.9369,-1.5103,0.1344,-0.427,0.1379,0.5773,-0.0756,0.1039]};
