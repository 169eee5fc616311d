import type { PlaybookBullet } from '../model';
import type { Hypothesis } from './hypotheses';
import type { PlaybookDelta } from './schema';

export class DeltaError extends Error {
  readonly reason = 'bad-delta';
  constructor(message: string) {
    super(message);
    this.name = 'DeltaError';
  }
}

/**
 * Applies deltas in order and returns the new bullet list; the input is not changed. A delta naming a
 * bullet that is not there (or adding one that is) is an error, so a stale proposal never half-applies.
 */
export function applyDeltas(bullets: readonly PlaybookBullet[], deltas: readonly PlaybookDelta[]): PlaybookBullet[] {
  const out = bullets.map((b) => ({ ...b, provenance: { ...b.provenance } }));
  const find = (id: string, what: string) => {
    const b = out.find((x) => x.id === id);
    if (!b) throw new DeltaError(`${what}: no bullet ${id} in the playbook`);
    return b;
  };
  for (const d of deltas) {
    switch (d.op) {
      case 'add': {
        const existing = out.find((x) => x.id === d.bullet.id);
        if (existing && existing.status === 'active') throw new DeltaError(`add: bullet ${d.bullet.id} is already in the playbook`);
        // A deprecated bullet whose evidence came back is revived under its stable id, counters kept.
        if (existing) Object.assign(existing, { ...d.bullet, helpful: existing.helpful, harmful: existing.harmful, status: 'active', note: undefined });
        else out.push({ ...d.bullet });
        break;
      }
      case 'edit': {
        const b = find(d.id, 'edit');
        b.text = d.text;
        if (d.support !== undefined) b.support = d.support;
        break;
      }
      case 'deprecate': {
        const b = find(d.id, 'deprecate');
        b.status = 'deprecated';
        b.note = d.reason;
        break;
      }
      case 'dedupe': {
        const keep = find(d.keep, 'dedupe.keep');
        const drop = find(d.drop, 'dedupe.drop');
        keep.helpful += drop.helpful;
        keep.harmful += drop.harmful;
        keep.provenance = {
          callIds: union(keep.provenance.callIds, drop.provenance.callIds),
          patternIds: union(keep.provenance.patternIds, drop.provenance.patternIds),
          fingerprints: union(keep.provenance.fingerprints, drop.provenance.fingerprints),
        };
        drop.status = 'deprecated';
        drop.note = `duplicate of ${keep.id}`;
        break;
      }
    }
  }
  for (const b of out) if (b.note === undefined) delete b.note;
  return out;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** A planned delta and the hypothesis it serves. */
export interface PlannedDelta {
  delta: PlaybookDelta;
  section: string;
  statement: string;
}

/**
 * What the analysis asks of the playbook: add the bullets of new hypotheses, edit bullets whose
 * evidence moved (new figures), deprecate analysis bullets whose pattern or fingerprint is no longer
 * supported, and dedupe a designer's bullet that repeats another one of its section. Designer bullets (no `cite`) are never deprecated for
 * lack of evidence.
 */
export function planDeltas(bullets: readonly PlaybookBullet[], hypotheses: readonly Hypothesis[]): PlannedDelta[] {
  const planned: PlannedDelta[] = [];
  const byId = new Map(bullets.map((b) => [b.id, b]));
  const supported = new Set(hypotheses.map((h) => h.bullet.id));
  for (const h of hypotheses) {
    const cur = byId.get(h.bullet.id);
    if (!cur || cur.status === 'deprecated') planned.push({ delta: { op: 'add', bullet: h.bullet }, section: h.bullet.section, statement: h.statement });
    else if (evidenceMoved(cur, h.bullet)) {
      planned.push({ delta: { op: 'edit', id: cur.id, text: h.bullet.text, support: h.bullet.support, reason: 'the evidence changed' }, section: cur.section, statement: h.statement });
    }
  }
  for (const b of bullets) {
    if (b.status !== 'active' || !b.cite || supported.has(b.id)) continue;
    const what = b.cite.kind === 'move' ? `the pattern ${b.provenance.patternIds.join(', ')}` : `the fingerprint ${b.cite.fingerprint}`;
    planned.push({ delta: { op: 'deprecate', id: b.id, reason: `${what} is no longer significant in the analysed calls` }, section: b.section, statement: `"${b.text}" lost its evidence` });
  }
  const active = bullets.filter((b) => b.status === 'active');
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const [a, b] = [active[i]!, active[j]!];
      // Analysis bullets are unique by construction (one id per piece of evidence); a designer's bullet may repeat one.
      if ((a.cite && b.cite) || a.section !== b.section || similarity(a.text, b.text) < DUPLICATE_SIMILARITY) continue;
      // Keep the one with more evidence (then the older one, first in the list).
      const [keep, drop] = b.support + b.helpful > a.support + a.helpful ? [b, a] : [a, b];
      if (planned.some((p) => p.delta.op === 'dedupe' && (p.delta.drop === drop.id || p.delta.drop === keep.id))) continue;
      planned.push({ delta: { op: 'dedupe', keep: keep.id, drop: drop.id, reason: 'near-identical text' }, section: a.section, statement: `"${drop.text}" repeats "${keep.text}"` });
    }
  }
  return planned;
}

/**
 * Whether a stored bullet's evidence differs from what the analysis finds now: more or fewer calls, or
 * other figures in the text. Wording alone is not evidence: a designer's accepted edit of a bullet's
 * words (its figures kept) is not proposed back to the engine's wording.
 */
function evidenceMoved(cur: PlaybookBullet, now: PlaybookBullet): boolean {
  const figures = (s: string) => (s.match(/\d+(?:\.\d+)?/g) ?? []).join(' ');
  return cur.support !== now.support || (cur.text !== now.text && figures(cur.text) !== figures(now.text));
}

/** Token-set Jaccard above which two bullets of one section say the same thing. */
export const DUPLICATE_SIMILARITY = 0.8;

export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 && tb.size === 0) return 1;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

const tokens = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
