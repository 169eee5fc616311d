import { z } from 'zod';
import type { Annotations } from '../../model';
import type { TextLine } from '../lines';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import { CallBuilder, endedOutcome, isRecord, parseRecord, ratingMode, reject, sourceOf } from './common';

const RatingsSchema = z.array(z.number().int().min(1).max(5));

const UssJsonTurnSchema = z.object({
  role: z.enum(['USER', 'SYSTEM', 'user', 'system']),
  text: z.string(),
  action: z.string().optional(),
  sat: RatingsSchema.optional(),
});

const UssJsonDialogueSchema = z.object({
  dataset: z.string().optional(),
  dialogue_idx: z.union([z.number(), z.string()]).optional(),
  turns: z.array(UssJsonTurnSchema),
  overall_sat: RatingsSchema.optional(),
});

interface UssTurn {
  role: 'user' | 'agent';
  text: string;
  action?: string;
  sat?: number[];
}

/**
 * User Satisfaction Simulation dialogues, in the tab-separated text files (`ROLE \t text \t action \t
 * r1,r2,…`, a blank line between dialogues, `USER \t OVERALL \t \t ratings` last) or one dialogue per
 * JSONL line. Per-turn ratings go to `turn.annotations` (`sat`, `satMode`, `action`), the overall
 * ratings to `call.ended.annotations` (`overallSat`, `overallSatMode`) and their mode to `outcome.csat`.
 */
class UssAdapter implements FormatAdapter {
  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    if (Array.isArray(record.value)) return [this.fromText(record, record.value as TextLine[])];
    const r = parseRecord(UssJsonDialogueSchema, this.ctx, record);
    if (!r.ok) return [r.output];
    const d = r.value;
    const turns: UssTurn[] = d.turns.map((t) => ({
      role: t.role.toUpperCase() === 'USER' ? 'user' : 'agent',
      text: t.text,
      action: t.action,
      sat: t.sat,
    }));
    const externalId = d.dataset !== undefined || d.dialogue_idx !== undefined ? `${d.dataset ?? ''}:${d.dialogue_idx ?? record.index}` : undefined;
    return [this.build(record, turns, d.overall_sat, externalId)];
  }

  end(): AdapterOutput[] {
    return [];
  }

  private fromText(record: SourceRecord, lines: TextLine[]): AdapterOutput {
    const turns: UssTurn[] = [];
    let overall: number[] | undefined;
    for (const l of lines) {
      const cols = l.text.split('\t');
      const where = { ...record, line: l.line };
      const role = cols[0]!.trim().toUpperCase();
      if (role !== 'USER' && role !== 'SYSTEM') {
        return reject(this.ctx, where, 'role', `the first column is ${JSON.stringify(cols[0])}; it must be USER or SYSTEM (columns are separated by tabs)`);
      }
      if (cols.length < 2) return reject(this.ctx, where, 'text', 'the line has no text column; write ROLE<tab>text<tab>action<tab>ratings');
      const text = cols[1]!;
      const action = cols[2]?.trim() || undefined;
      const ratingText = cols[3]?.trim() ?? '';
      let sat: number[] | undefined;
      if (ratingText) {
        sat = ratingText.split(',').map((s) => Number(s.trim()));
        if (sat.some((n) => !Number.isInteger(n) || n < 1 || n > 5)) {
          return reject(this.ctx, where, 'ratings', `ratings ${JSON.stringify(ratingText)} must be whole numbers 1–5 separated by commas`);
        }
      }
      if (role === 'USER' && text === 'OVERALL') {
        overall = sat;
        continue;
      }
      turns.push({ role: role === 'USER' ? 'user' : 'agent', text, action, sat });
    }
    return this.build(record, turns, overall, String(record.index));
  }

  private build(record: SourceRecord, turns: UssTurn[], overall: number[] | undefined, externalId: string | undefined): AdapterOutput {
    const ctx = this.ctx;
    const call = CallBuilder.synthetic(ctx, record.index, `uss:${record.key}`);
    call.add({ type: 'call.started', channel: 'chat', source: sourceOf(ctx, record.index, externalId) });
    for (const t of turns) {
      const annotations: Annotations = {};
      if (t.action) annotations.action = t.action;
      if (t.sat && t.sat.length) {
        annotations.sat = t.sat;
        annotations.satMode = ratingMode(t.sat)!;
      }
      call.add({ type: 'turn', role: t.role, text: t.text, ...(Object.keys(annotations).length ? { annotations } : {}) });
    }
    const overallMode = overall && overall.length ? ratingMode(overall) : undefined;
    call.add({
      type: 'call.ended',
      outcome: endedOutcome({ csat: overallMode }),
      ...(overall && overall.length ? { annotations: { overallSat: overall, overallSatMode: overallMode! } } : {}),
    });
    return call.finish(ctx, record);
  }
}

export const ussFormat: FormatDefinition = {
  format: 'uss',
  sniff: (v) =>
    (Array.isArray(v) && v.length > 0 && /^(USER|SYSTEM)\t/i.test((v[0] as TextLine).text ?? '')) ||
    (isRecord(v) && Array.isArray(v.turns) && ('dialogue_idx' in v || 'overall_sat' in v || (isRecord(v.turns[0]) && 'sat' in v.turns[0]))),
  create: (ctx) => new UssAdapter(ctx),
};
