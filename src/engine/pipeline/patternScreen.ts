import type { ScoredPattern } from '../analysis';
import { holm, initialSequentialState, updateSequential } from '../stats';
import type { SequentialState } from '../stats';

/**
 * Which (intent, situation, move) patterns a loop that looks every month may act on.
 *
 * A loop that re-scores its patterns every month and turns the significant ones into experiments looks
 * at the same cells again and again, over many cells: a fixed-sample test with Benjamini–Hochberg at
 * q < 0.05 lets about one discovery in twenty be false per look, and the looks add up (on the first
 * month of the 17,000-call fleet, seed 1 promoted a move whose lift was pure chance, z ≈ 3.4). So each
 * cell carries an always-valid p-value (the mixture SPRT of `../stats/sequential.ts`, running minimum
 * over the monthly looks) and the family is controlled with Holm: the chance that any cell with no
 * effect is ever promoted stays ≤ α however many months are looked at.
 *
 * The lift is stratified by month: each month's difference (the move against the situation's ordinary
 * moves that month, as `scorePatterns` computed it) is combined by inverse variance, so a change of
 * policy or of error rates between months (the loop's own doing) is not read as a move's effect. Each
 * stratum's variance uses the Agresti–Caffo adjustment (one success and one failure added to each arm),
 * so a rare move seen 5 times with 5 successes is not a near-zero-variance certainty.
 */
export interface PatternScreenOptions {
  /** Mixing standard deviation of the mSPRT: the smallest lift worth an experiment (design time, never tuned on the data). */
  tau: number;
  /** Family-wise error rate (Holm over the always-valid p-values). */
  alpha: number;
}

export const DEFAULT_PATTERN_SCREEN: PatternScreenOptions = { tau: 0.1, alpha: 0.05 };

export interface ScreenedPattern {
  intent: string;
  trigger: string;
  strategy: string;
  /** Month-stratified lift (inverse-variance weighted) and its variance. */
  lift: number;
  variance: number;
  /** Calls of the move over all looks. */
  support: number;
  /** Always-valid p-value (running minimum over looks) and its Holm adjustment over the cells of this look. */
  alwaysValidP: number;
  adjustedP: number;
  significant: boolean;
}

interface CellState {
  intent: string;
  trigger: string;
  strategy: string;
  weightedLift: number;
  weight: number;
  support: number;
  sequential: SequentialState;
}

/** A stratum's lift and its Agresti–Caffo variance (one success and one failure added to each arm). */
export function stratumLift(s: number, n: number, s0: number, n0: number): { lift: number; variance: number } {
  const p = (s + 1) / (n + 2);
  const p0 = (s0 + 1) / (n0 + 2);
  return { lift: s / n - s0 / n0, variance: (p * (1 - p)) / (n + 2) + (p0 * (1 - p0)) / (n0 + 2) };
}

/** What a look needs of a scored cell: its counts and those of the situation's ordinary moves that month. */
export type MonthCell = Pick<ScoredPattern, 'intent' | 'trigger' | 'strategy' | 'support' | 'successes' | 'baselineRate' | 'baselineSupport'>;

export class PatternScreen {
  private readonly cells = new Map<string, CellState>();

  constructor(private readonly options: PatternScreenOptions = DEFAULT_PATTERN_SCREEN) {}

  /**
   * One monthly look: folds the month's scored cells (each against its own month's baseline) into the
   * running estimates and returns every cell seen so far, screened.
   */
  look(month: readonly MonthCell[]): ScreenedPattern[] {
    const tau2 = this.options.tau ** 2;
    for (const p of month) {
      if (p.support === 0 || p.baselineSupport === 0) continue;
      const key = `${p.intent}|${p.trigger}|${p.strategy}`;
      const cell = this.cells.get(key) ?? { intent: p.intent, trigger: p.trigger, strategy: p.strategy, weightedLift: 0, weight: 0, support: 0, sequential: initialSequentialState() };
      const b0 = Math.round(p.baselineRate * p.baselineSupport);
      const { lift, variance } = stratumLift(p.successes, p.support, b0, p.baselineSupport);
      cell.weightedLift += lift / variance;
      cell.weight += 1 / variance;
      cell.support += p.support;
      cell.sequential = updateSequential(cell.sequential, cell.weightedLift / cell.weight, 1 / cell.weight, { tau2, alpha: this.options.alpha });
      this.cells.set(key, cell);
    }
    const all = [...this.cells.values()];
    const adjusted = holm(all.map((c) => c.sequential.pValue));
    return all.map((c, i) => ({
      intent: c.intent,
      trigger: c.trigger,
      strategy: c.strategy,
      lift: c.weightedLift / c.weight,
      variance: 1 / c.weight,
      support: c.support,
      alwaysValidP: c.sequential.pValue,
      adjustedP: adjusted[i]!,
      significant: adjusted[i]! < this.options.alpha,
    }));
  }
}
