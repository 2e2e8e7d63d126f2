/** The injected typologies and how many instances of each the demo bank gets at scale 1. */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import type { DemoTypology } from '../types.ts';
import { rapidInOut, fanIn, fanOut, layeringChain, telecomFraud } from './mules.ts';
import { cycle, scatterGather, gatherScatter, stack } from './graph.ts';
import { structuring, largeValue, dormantReactivation, nightBurst } from './cash.ts';
import { elderlyVictim, illegalFundraising } from './victims.ts';

type Injector = (ctx: DemoContext, instance: number, used: Set<Holder>) => void;

export const INJECTORS: readonly { typology: DemoTypology; perScale1: number; inject: Injector }[] = [
  { typology: 'structuring', perScale1: 3, inject: structuring },
  { typology: 'rapid_in_out', perScale1: 3, inject: rapidInOut },
  { typology: 'fan_in', perScale1: 3, inject: fanIn },
  { typology: 'fan_out', perScale1: 3, inject: fanOut },
  { typology: 'cycle', perScale1: 3, inject: cycle },
  { typology: 'scatter_gather', perScale1: 2, inject: scatterGather },
  { typology: 'gather_scatter', perScale1: 2, inject: gatherScatter },
  { typology: 'stack', perScale1: 2, inject: stack },
  { typology: 'layering_chain', perScale1: 2, inject: layeringChain },
  { typology: 'illegal_fundraising', perScale1: 2, inject: illegalFundraising },
  { typology: 'elderly_victim', perScale1: 4, inject: elderlyVictim },
  { typology: 'telecom_fraud', perScale1: 3, inject: telecomFraud },
  { typology: 'night_burst', perScale1: 2, inject: nightBurst },
  { typology: 'dormant_reactivation', perScale1: 2, inject: dormantReactivation },
  { typology: 'large_value', perScale1: 4, inject: largeValue },
];

/** Injects every typology at least once (more at larger scales), each from its own random stream. */
export function injectTypologies(ctx: DemoContext): void {
  const used = new Set<Holder>();
  for (const { typology, perScale1, inject } of INJECTORS) {
    const count = Math.max(1, Math.round(perScale1 * ctx.scale));
    const rng = ctx.rng.fork(`typology:${typology}`);
    for (let i = 0; i < count; i++) inject({ ...ctx, rng }, i, used);
  }
}
