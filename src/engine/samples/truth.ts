/**
 * What the sample-call generator planted. The generator is the ground truth for the analyzer's
 * pattern-recovery evaluation: it knows, per call, the intent, the customer situation (trigger), the
 * agent's move (strategy), the tool sequence and whether the call truly succeeded.
 *
 * Vocabulary (shared with the analyzer's built-in taxonomy):
 * - intents: ABCD flows `product_defect`, `shipping_issue`, `account_access`, `purchase_dispute`,
 *   `subscription_inquiry`, `manage_account`
 * - triggers (customer situations): `price-objection`, `double-charge`, `late-delivery`, `locked-out`,
 *   `refund-request`, `frustration`, `wrong-item`, `cancel-request`, `promo-code-invalid`, `address-change`
 * - strategies (agent moves): `empathy`, `value-reframing`, `empathy-with-options`, `verification-first`,
 *   `apology`, `policy-citation`, `escalation-offer`, `discount-offer`, `clarifying-question`, `direct-answer`
 */
export const SAMPLE_INTENTS = [
  'product_defect',
  'shipping_issue',
  'account_access',
  'purchase_dispute',
  'subscription_inquiry',
  'manage_account',
] as const;

export const SAMPLE_TRIGGERS = [
  'price-objection',
  'double-charge',
  'late-delivery',
  'locked-out',
  'refund-request',
  'frustration',
  'wrong-item',
  'cancel-request',
  'promo-code-invalid',
  'address-change',
] as const;

export const SAMPLE_STRATEGIES = [
  'empathy',
  'value-reframing',
  'empathy-with-options',
  'verification-first',
  'apology',
  'policy-citation',
  'escalation-offer',
  'discount-offer',
  'clarifying-question',
  'direct-answer',
] as const;

export type SampleIntent = (typeof SAMPLE_INTENTS)[number];
export type SampleTrigger = (typeof SAMPLE_TRIGGERS)[number];
export type SampleStrategy = (typeof SAMPLE_STRATEGIES)[number];

/** A (intent, trigger, strategy) cell whose success rate the generator moved away from the baseline. */
export interface PlantedPattern {
  intent: SampleIntent;
  trigger: SampleTrigger;
  strategy: SampleStrategy;
  successRate: number;
  /** The success rate of the other strategies for the same intent and trigger. */
  baselineRate: number;
  effect: 'positive' | 'negative';
}

/** A tool-call order that changes the outcome, e.g. verify identity before looking up the account. */
export interface PlantedToolPattern {
  intent: SampleIntent;
  sequence: string[];
  successRate: number;
  baselineRate: number;
  effect: 'positive' | 'negative';
}

export interface CallTruth {
  callId: string;
  intent: SampleIntent;
  trigger: SampleTrigger;
  strategy: SampleStrategy;
  toolSequence: string[];
  success: boolean;
  escalated: boolean;
  /** Error codes the call hit (tool errors and agent errors). */
  errorCodes: string[];
  /** Whether call.ended carries explicit outcome fields (else the analyzer must infer the outcome). */
  explicitOutcome: boolean;
  /** With `errorModes`: the planted recurring errors of this call and their precursors (errorModes.ts). */
  plantedErrors?: Array<{ mode: string; tool: string; code: string; precursor: string }>;
  /** Planted errors the agent's correction kept from happening (with error modes and a `beforeToolCall` hook). */
  avertedErrors?: Array<{ mode: string; tool: string; code: string; precursor: string }>;
}

export interface SampleTruth {
  seed: number;
  count: number;
  planted: PlantedPattern[];
  plantedTools: PlantedToolPattern[];
  /** Every (intent, trigger, strategy) cell the generator used, planted or not. */
  cells: Array<{ intent: SampleIntent; trigger: SampleTrigger; strategy: SampleStrategy }>;
  calls: CallTruth[];
}
