import type { Typology } from './finding.ts';
import type { RankModel } from './ranker.ts';

/**
 * The candidate ranker's weights, fitted by `npx tsx eval/train-ranker.ts` on AMLGentex dev-10k
 * steps 0–59 only (the train split; the test steps 60–99 were never read). Features: RANK_FEATURES
 * in src/graph/ranker.ts. Re-fit when the features or the detectors' defaults change.
 */
export const DEFAULT_RANK_MODEL: RankModel = {"mean":[0.3939,0.3797,0.0962,0.0023,0.0781,0.0163,0.0336,1.6504,3.5796,0.9756,0.2197,1.8403,3.6423,4.424,0.5191,0.5337,0.6125,0.3511,0.0225,0.0186],"std":[0.4886,0.4853,0.2948,0.0479,0.2684,0.1267,0.1802,0.4369,0.8613,0.0791,0.2003,1.3895,0.6658,0.5999,0.11,0.3215,0.3911,0.2969,0.0833,0.1065],"weights":[-4.1661,0.2008,-0.065,-0.0251,0.1714,-0.1936,-0.1106,-0.0078,-0.6072,5.1653,0.0637,-0.08,-0.9816,-1.7113,0.1487,-0.5389,-0.0515,0.9311,-0.1023,0.0854,0.2645]};

/**
 * Ring-place models for scoring.fanRingShare (fan-in, fan-out) and scoring.gatherScatterRingShare
 * (gather-scatter; mine.ts): one logistic regression per typology over RANK_FEATURES, fitted on that
 * typology's candidates of AMLGentex dev-10k steps 0–59 only, label "holds half of a ring of this
 * typology with ≥ 3 accounts in the split" (MIN_PLACE_RING_ACCOUNTS, eval/fit-ranker.ts), L2 30
 * (`npx tsx eval/train-ranker.ts` prints them).
 */
export const DEFAULT_FAN_RANK_MODELS: Partial<Record<Typology, RankModel>> = {"fan_in":{"mean":[0,1,0,0,0,0,0,1.6437,3.5932,0.9789,0.2005,1.722,3.6189,4.3187,0.5623,0.5407,0.5221,0.3003,0.0211,0],"std":[0,0,0,0,0,0,0,0.4243,0.7755,0.0719,0.2006,1.4614,0.6097,0.5092,0.095,0.3159,0.3784,0.2913,0.0802,0],"weights":[-5.7681,0,0,0,0,0,0,0,0.3136,0.1856,0.0411,0.006,0.1259,0.0538,0.2708,0.1006,0.033,0.1411,0.0587,0.0256,0]},"fan_out":{"mean":[1,0,0,0,0,0,0,1.6568,3.5779,0.9701,0.2124,1.7833,3.7547,4.5482,0.469,0.5365,0.5509,0.3157,0.0193,0],"std":[0,0,0,0,0,0,0,0.4084,0.861,0.0817,0.1996,1.4329,0.684,0.5563,0.098,0.3284,0.3662,0.2867,0.0719,0],"weights":[-6.0479,0,0,0,0,0,0,0,0.3173,0.1747,0.0442,0.0699,0.1294,0.0987,0.1903,0.115,0.0413,0.1136,0.0316,0.0291,0]},"gather_scatter":{"mean":[0,0,0,0,1,0,0,1.7183,3.8881,0.9966,0.2389,1.7716,3.7249,4.6406,0.53,0.6224,0.7328,0.5189,0.0268,0.1121],"std":[0,0,0,0,0,0,0,0.4795,0.6969,0.029,0.1971,1.1136,0.58,0.5066,0.0904,0.27,0.1895,0.296,0.0974,0.2347],"weights":[-4.0828,0,0,0,0,0,0,0,0.0827,0.0415,0.0184,0.2093,0.0773,0.0653,-0.0041,-0.1266,0.0991,0.1678,-0.0447,0.0846,0.3736]}};
