import { SeededRandom } from './random';
import type { SampleIntent } from './truth';

/**
 * Recurring error modes the generator can plant, each with a precursor recorded in the call before
 * the error (the answer key of the error-prevention evaluation; the learner never reads it):
 * - `refund-without-identity`: `offer_refund` with no `verify_identity` earlier in the call fails.
 * - `change-after-shipped`: `update_order` after `shipping_status` said `shipped` fails.
 * - `missing-field`: `update_account` without a `zip` argument fails validation.
 * - `same-args-retry`: retrying `update_account` with the arguments that just timed out is rejected.
 * They draw from their own random stream, so calls without them are exactly what they were.
 */
export type ErrorModeName = 'refund-without-identity' | 'change-after-shipped' | 'missing-field' | 'same-args-retry';

export interface PlantedError {
  mode: ErrorModeName;
  tool: string;
  code: string;
  /** The precursor, as a sentence (the truth says what the learner should find). */
  precursor: string;
}

/** How often each precursor occurs and how often the error follows it. */
const RATES = {
  verifiedBeforeRefund: 0.5,
  refundFailsUnverified: 0.92,
  shipped: 0.4,
  changeFailsWhenShipped: 0.92,
  zipMissing: 0.25,
  failsWithoutZip: 0.95,
  blindRetry: 0.6,
};

export interface ErrorModePlan {
  /** Insert a successful `verify_identity` before the other tools. */
  verifyFirst: boolean;
  /** The status `shipping_status` returns. */
  shippingStatus: 'shipped' | 'processing' | 'delivered';
  /** `update_account` is called without `zip`. */
  zipMissing: boolean;
  /** After a gateway timeout, the agent retries with the same arguments (else with a fresh key). */
  blindRetry: boolean;
  /** Per mode: whether the error follows its precursor in this call. */
  fails: Record<ErrorModeName, boolean>;
  rng: SeededRandom;
}

export function planErrorModes(seed: number, index: number, intent: SampleIntent): ErrorModePlan {
  const rng = new SeededRandom((seed * 1_000_003 + index * 7919 + 17) >>> 0);
  const plan: ErrorModePlan = {
    verifyFirst: intent === 'product_defect' ? rng.chance(RATES.verifiedBeforeRefund) : false,
    shippingStatus: rng.chance(RATES.shipped) ? 'shipped' : rng.chance(0.5) ? 'processing' : 'delivered',
    zipMissing: rng.chance(RATES.zipMissing),
    blindRetry: rng.chance(RATES.blindRetry),
    fails: {
      'refund-without-identity': rng.chance(RATES.refundFailsUnverified),
      'change-after-shipped': rng.chance(RATES.changeFailsWhenShipped),
      'missing-field': rng.chance(RATES.failsWithoutZip),
      'same-args-retry': true,
    },
    rng,
  };
  return plan;
}

/** The arguments a tool is called with under the error modes (ids vary per call; field sets are what rules can see). */
export function errorModeArguments(tool: string, plan: ErrorModePlan, slots: Record<string, string>): Record<string, unknown> | undefined {
  if (tool === 'update_account') return { account_id: slots.account, email: slots.email, ...(plan.zipMissing ? {} : { zip: slots.zip }), request_key: `rk_${plan.rng.digits(8)}` };
  if (tool === 'verify_identity') return { email: slots.email };
  return undefined;
}

const PRECURSORS: Record<Exclude<ErrorModeName, 'same-args-retry'>, PlantedError> = {
  'refund-without-identity': { mode: 'refund-without-identity', tool: 'offer_refund', code: 'IDENTITY_REQUIRED', precursor: 'no verify_identity before offer_refund' },
  'change-after-shipped': { mode: 'change-after-shipped', tool: 'update_order', code: 'ALREADY_SHIPPED', precursor: 'shipping_status returned status shipped' },
  'missing-field': { mode: 'missing-field', tool: 'update_account', code: 'VALIDATION_FAILED', precursor: 'update_account called without zip' },
};

/** Which planted mode a tool call would hit in this state, without drawing from the plan's stream. */
export function errorModeWouldFail(tool: string, plan: ErrorModePlan, state: { verified: boolean; shippedSeen: boolean; zipMissing: boolean }): PlantedError | undefined {
  if (tool === 'offer_refund' && !state.verified && plan.fails['refund-without-identity']) return PRECURSORS['refund-without-identity'];
  if (tool === 'update_order' && state.shippedSeen && plan.fails['change-after-shipped']) return PRECURSORS['change-after-shipped'];
  if (tool === 'update_account' && state.zipMissing && plan.fails['missing-field']) return PRECURSORS['missing-field'];
  return undefined;
}

/** The failure a tool call hits under the error modes, given what happened earlier in the call. */
export function errorModeFailure(
  tool: string,
  plan: ErrorModePlan,
  state: { verified: boolean; shippedSeen: boolean; zipMissing: boolean },
  slots: Record<string, string>,
): (PlantedError & { message: string }) | undefined {
  const r = plan.rng;
  if (tool === 'offer_refund' && !state.verified && plan.fails['refund-without-identity'])
    return { mode: 'refund-without-identity', tool, code: 'IDENTITY_REQUIRED', precursor: 'no verify_identity before offer_refund', message: `Refund refused: identity not verified for order ${slots.order} (check ${r.digits(4)})` };
  if (tool === 'update_order' && state.shippedSeen && plan.fails['change-after-shipped'])
    return { mode: 'change-after-shipped', tool, code: 'ALREADY_SHIPPED', precursor: 'shipping_status returned status shipped', message: `Cannot change order ${slots.order}: already shipped on 2026-09-${String(r.int(1, 28)).padStart(2, '0')}` };
  if (tool === 'update_account' && state.zipMissing && plan.fails['missing-field'])
    return { mode: 'missing-field', tool, code: 'VALIDATION_FAILED', precursor: 'update_account called without zip', message: `Validation failed: field zip is required (request ${r.digits(6)})` };
  return undefined;
}

/** The rejection of a blind retry after a timeout. */
export function blindRetryFailure(plan: ErrorModePlan): PlantedError & { message: string } {
  return { mode: 'same-args-retry', tool: 'update_account', code: 'DUPLICATE_REQUEST', precursor: 'update_account retried with the arguments that just failed', message: `Duplicate request rejected: key ${plan.rng.digits(8)} already failed` };
}
