/** The injected typologies and how many instances of each the demo bank gets at scale 1. */
import type { DemoContext } from '../context.ts';
import type { Holder } from '../population.ts';
import type { DemoTypology } from '../types.ts';
import { rapidInOut, fanIn, fanOut, layeringChain, telecomFraud } from './mules.ts';
import { cycle, scatterGather, gatherScatter, stack } from './graph.ts';
import { structuring, largeValue, dormantReactivation, nightBurst } from './cash.ts';
import { elderlyVictim, illegalFundraising } from './victims.ts';
import { splitWithdrawals, splitDepositsSameDay, nearThresholdTransfers } from './structuring-variants.ts';
import { pensionSeminarFundraising } from './fundraising-seminar.ts';
import { fxSplitting, cashAbroad, personalTradeAccount } from './cross-border.ts';
import { mirrorSwapHub, collectionCard, corporateToPersonal, orgPassThrough } from './underground.ts';
import { atmCashOut } from './cash-out.ts';
import { rentedCollectionCard, agentSettlement } from './gambling.ts';

type Injector = (ctx: DemoContext, instance: number, used: Set<Holder>) => void;

/**
 * `stream` names the random stream of an injector added after the first fifteen (default
 * `typology:<tag>`), so that adding one never shifts the draws of those before it. Everything an
 * injector creates (customers, accounts, counterparties) is appended after what earlier ones made.
 */
export const INJECTORS: readonly { typology: DemoTypology; perScale1: number; inject: Injector; stream?: string }[] = [
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
  { typology: 'structuring', perScale1: 2, inject: splitWithdrawals, stream: 'structuring:withdrawals' },
  { typology: 'structuring', perScale1: 2, inject: splitDepositsSameDay, stream: 'structuring:same-day' },
  { typology: 'structuring', perScale1: 2, inject: nearThresholdTransfers, stream: 'structuring:transfers' },
  { typology: 'illegal_fundraising', perScale1: 1, inject: pensionSeminarFundraising, stream: 'illegal_fundraising:seminar' },
  { typology: 'cross_border_splitting', perScale1: 2, inject: fxSplitting, stream: 'cross_border_splitting:fx' },
  { typology: 'cross_border_splitting', perScale1: 2, inject: cashAbroad, stream: 'cross_border_splitting:cash' },
  { typology: 'cross_border_splitting', perScale1: 1, inject: personalTradeAccount, stream: 'cross_border_splitting:trade' },
  { typology: 'underground_banking', perScale1: 1, inject: mirrorSwapHub, stream: 'underground_banking:mirror' },
  { typology: 'underground_banking', perScale1: 1, inject: collectionCard, stream: 'underground_banking:collection' },
  { typology: 'underground_banking', perScale1: 1, inject: corporateToPersonal, stream: 'underground_banking:corporate' },
  { typology: 'underground_banking', perScale1: 1, inject: orgPassThrough, stream: 'underground_banking:bridge' },
  { typology: 'telecom_fraud', perScale1: 1, inject: atmCashOut, stream: 'telecom_fraud:cash-out' },
  { typology: 'gambling', perScale1: 1, inject: rentedCollectionCard, stream: 'gambling:card' },
  { typology: 'gambling', perScale1: 2, inject: agentSettlement, stream: 'gambling:agent' },
];

/** Injects every typology at least once (more at larger scales), each from its own random stream. */
export function injectTypologies(ctx: DemoContext): void {
  const used = new Set<Holder>();
  for (const { typology, perScale1, inject, stream } of INJECTORS) {
    const count = Math.max(1, Math.round(perScale1 * ctx.scale));
    const rng = ctx.rng.fork(`typology:${stream ?? typology}`);
    for (let i = 0; i < count; i++) inject({ ...ctx, rng }, i, used);
  }
}
