import type { ScenarioInput } from '../rule.schema.ts';
import { BEHAVIOUR } from './behaviour.ts';
import { CASH } from './cash.ts';
import { CROSS_BORDER } from './cross-border.ts';
import { DORMANT_NEW } from './dormant-new.ts';
import { FAN } from './fan.ts';
import { FUND_RAISING } from './fund-raising.ts';
import { GAMBLING } from './gambling.ts';
import { LARGE_VALUE } from './large-value.ts';
import { MULE } from './mule.ts';
import { NIGHT } from './night.ts';
import { RAPID_IN_OUT } from './rapid-in-out.ts';
import { RING } from './ring.ts';
import { STRUCTURING } from './structuring.ts';
import { TELECOM_FRAUD } from './telecom-fraud.ts';
import { VULNERABLE } from './vulnerable.ts';

/** The built-in scenario library, as data documents (validated when compiled). */
export const builtInScenarios: readonly ScenarioInput[] = [
  ...LARGE_VALUE, ...STRUCTURING, ...RAPID_IN_OUT, ...MULE, ...FAN, ...DORMANT_NEW, ...NIGHT,
  ...FUND_RAISING, ...TELECOM_FRAUD, ...VULNERABLE, ...CASH, ...CROSS_BORDER, ...GAMBLING, ...BEHAVIOUR,
  ...RING,
];
