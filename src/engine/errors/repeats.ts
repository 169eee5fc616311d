import type { ErrorOccurrence } from './occurrences';

export interface RepeatPeriod {
  /** Start of the period (epoch ms, a multiple of the period length). */
  start: number;
  /** Calls in the period (with or without the error). */
  calls: number;
  /** Calls in the period that hit the fingerprint. */
  callsWithError: number;
  /** Of those, calls that hit it although it was already known (seen in an earlier call). */
  repeats: number;
  /** repeats / calls. */
  repeatRate: number;
}

export interface FingerprintRepeats {
  fingerprint: string;
  periods: RepeatPeriod[];
}

export const DAY_MS = 86_400_000;

/**
 * Repeat rate per fingerprint and period: the share of a period's calls that hit an error already
 * seen in an earlier call, so "a mistake never repeats" is a number that should fall to zero.
 * `callStarts` are the start times of every call (those without errors count in the denominator).
 */
export function repeatRates(
  occurrences: ReadonlyArray<Pick<ErrorOccurrence, 'callId' | 'ts'> & { fingerprint: string }>,
  callStarts: ReadonlyMap<string, number>,
  periodMs: number = 7 * DAY_MS,
): FingerprintRepeats[] {
  const periodOf = (ts: number) => Math.floor(ts / periodMs) * periodMs;
  const callsPerPeriod = new Map<number, number>();
  for (const ts of callStarts.values()) callsPerPeriod.set(periodOf(ts), (callsPerPeriod.get(periodOf(ts)) ?? 0) + 1);
  // The first time (call start) each fingerprint was seen; a call is a repeat when it starts after that call.
  const perFp = new Map<string, Map<string, number>>();
  for (const o of occurrences) {
    const calls = perFp.get(o.fingerprint) ?? new Map<string, number>();
    calls.set(o.callId, callStarts.get(o.callId) ?? o.ts);
    perFp.set(o.fingerprint, calls);
  }
  const out: FingerprintRepeats[] = [];
  for (const [fingerprint, calls] of [...perFp].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ordered = [...calls].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const periods = new Map<number, RepeatPeriod>();
    ordered.forEach(([, ts], i) => {
      const start = periodOf(ts);
      const p = periods.get(start) ?? { start, calls: callsPerPeriod.get(start) ?? 0, callsWithError: 0, repeats: 0, repeatRate: 0 };
      p.callsWithError++;
      if (i > 0) p.repeats++;
      periods.set(start, p);
    });
    const list = [...periods.values()].sort((a, b) => a.start - b.start);
    for (const p of list) p.repeatRate = p.calls > 0 ? p.repeats / p.calls : 0;
    out.push({ fingerprint, periods: list });
  }
  return out;
}
