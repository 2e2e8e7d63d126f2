import type { RankModel } from './ranker.ts';

/**
 * The candidate ranker's weights, fitted by `npx tsx eval/train-ranker.ts` on AMLGentex dev-10k
 * steps 0–59 only (the train split; the test steps 60–99 were never read). Features: RANK_FEATURES
 * in src/graph/ranker.ts. Re-fit when the features or the detectors' defaults change.
 */
export const DEFAULT_RANK_MODEL: RankModel = {"mean":[0.3915,0.3773,0.0956,0.0013,0.083,0.0162,0.0351,1.6491,3.5892,0.9759,0.2188,1.8402,3.6466,4.424,0.519,0.5334,0.6107,0.3521,0.0224],"std":[0.4881,0.4847,0.294,0.0365,0.2759,0.1263,0.184,0.4291,0.856,0.0788,0.1972,1.383,0.6623,0.5978,0.1095,0.32,0.3829,0.2959,0.0838],"weights":[-4.1781,0.1998,-0.0817,-0.0134,0.2109,-0.1529,-0.0902,-0.0441,-0.5266,5.2766,0.0767,-0.0749,-1.0015,-1.9911,0.234,-0.5635,0.0153,0.8479,-0.122,0.1085]};
