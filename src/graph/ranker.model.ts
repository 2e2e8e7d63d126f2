import type { RankModel } from './ranker.ts';

/**
 * The candidate ranker's weights, fitted by `npx tsx eval/train-ranker.ts` on AMLGentex dev-10k
 * steps 0–59 only (the train split; the test steps 60–99 were never read). Features: RANK_FEATURES
 * in src/graph/ranker.ts. Re-fit when the features or the detectors' defaults change.
 */
export const DEFAULT_RANK_MODEL: RankModel = {"mean":[0.3939,0.3797,0.0962,0.0023,0.0781,0.0163,0.0336,1.6504,3.5796,0.9756,0.2197,1.8403,3.6423,4.424,0.5191,0.5337,0.6125,0.3511,0.0225,0.0186],"std":[0.4886,0.4853,0.2948,0.0479,0.2684,0.1267,0.1802,0.4369,0.8613,0.0791,0.2003,1.3895,0.6658,0.5999,0.11,0.3215,0.3911,0.2969,0.0833,0.1065],"weights":[-4.1661,0.2008,-0.065,-0.0251,0.1714,-0.1936,-0.1106,-0.0078,-0.6072,5.1653,0.0637,-0.08,-0.9816,-1.7113,0.1487,-0.5389,-0.0515,0.9311,-0.1023,0.0854,0.2645]};
