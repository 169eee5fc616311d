import { z } from 'zod';
import { CallSourceSchema } from '../model';

export const SUCCESS_SIGNAL_KINDS = ['resolution', 'confirmation', 'thanks', 'task-completed', 'positive-feedback', 'csat-high'] as const;
export const FAILURE_SIGNAL_KINDS = [
  'escalation-request',
  'transfer',
  'repetition',
  'negation',
  'interruption',
  'profanity',
  'already-told',
  'frustration',
  'long-silence',
  'abandonment',
  'tool-error',
  'agent-error',
  'agent-unable',
  'negative-feedback',
  'csat-low',
] as const;
export const SIGNAL_KINDS = [...SUCCESS_SIGNAL_KINDS, ...FAILURE_SIGNAL_KINDS] as const;
export const SignalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.output<typeof SignalKindSchema>;

export const PolaritySchema = z.enum(['success', 'failure']);
export type Polarity = z.output<typeof PolaritySchema>;

export const SignalSchema = z.object({
  kind: SignalKindSchema,
  polarity: PolaritySchema,
  /** Index of the turn (0-based over turn events) the signal sits on; for non-turn events, the last turn seen. */
  turnIndex: z.number().int().min(-1),
  strength: z.number().min(0).max(1),
  /** The matched words, or a short description for structural signals. */
  evidence: z.string(),
});
export type Signal = z.output<typeof SignalSchema>;

export const OutcomeLabelSchema = z.enum(['success', 'failure', 'unknown']);
export const OutcomeSchema = z.object({
  label: OutcomeLabelSchema,
  /** Probability that the call succeeded. */
  probability: z.number().min(0).max(1),
  source: z.enum(['explicit', 'signals', 'none']),
  /**
   * The model that scored an inferred outcome: the shipped prior, one fitted on the store's own labelled
   * calls (`examples` of them), or one the caller gave. Absent for explicit outcomes.
   */
  model: z.object({ origin: z.enum(['prior', 'store-fitted', 'given']), examples: z.number().int().nonnegative() }).optional(),
});
export type Outcome = z.output<typeof OutcomeSchema>;

export const DetectionSchema = z.object({ name: z.string(), turnIndex: z.number().int(), primary: z.boolean() });
export type Detection = z.output<typeof DetectionSchema>;

export const TurnLabelSchema = z.object({ label: z.string(), turnIndex: z.number().int() });
export type TurnLabel = z.output<typeof TurnLabelSchema>;

export const FragmentSchema = z.object({
  trigger: z.string(),
  strategy: z.string(),
  /** The user turn with the trigger and the agent turn that answered it. */
  userTurn: z.number().int(),
  agentTurn: z.number().int(),
  userTemplate: z.string(),
  agentTemplate: z.string(),
  /** The call's first situation (the one patterns count). */
  opening: z.boolean(),
  /** The turn's main trigger (a turn can carry several, e.g. a late delivery and frustration). */
  primary: z.boolean(),
});
export type Fragment = z.output<typeof FragmentSchema>;

export const CallErrorSchema = z.object({
  code: z.string(),
  stage: z.string(),
  tool: z.string().optional(),
  message: z.string().optional(),
  turnIndex: z.number().int(),
});
export type CallError = z.output<typeof CallErrorSchema>;

export const CallAnalysisSchema = z.object({
  callId: z.string(),
  agentId: z.string(),
  source: CallSourceSchema.optional(),
  intent: z.string(),
  intentConfidence: z.number().min(0).max(1),
  /** model: a fitted intents model; taxonomy: a cue taxonomy; induced: the store's induced vocabulary. */
  intentSource: z.enum(['model', 'taxonomy', 'induced', 'none']),
  outcome: OutcomeSchema,
  signals: z.array(SignalSchema),
  triggers: z.array(DetectionSchema),
  strategies: z.array(DetectionSchema),
  /** Situation label per user turn and move label per agent turn (induced, or the taxonomy's when seeded). */
  situations: z.array(TurnLabelSchema),
  moves: z.array(TurnLabelSchema),
  fragments: z.array(FragmentSchema),
  /** The (trigger, strategy) cells the call contributes to pattern counts: its opening situation's. */
  cells: z.array(z.object({ trigger: z.string(), strategy: z.string() })),
  toolSequence: z.array(z.string()),
  errors: z.array(CallErrorSchema),
  turnCount: z.number().int().nonnegative(),
  /** The outcome model's inputs, kept so a model can be fitted on stored analyses. */
  features: z.array(z.number()),
  ended: z.boolean(),
});
export type CallAnalysis = z.output<typeof CallAnalysisSchema>;
