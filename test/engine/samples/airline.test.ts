import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AIRLINE_PLANTED, generateAirlineCalls } from '../../../src/engine/samples/airline';
import * as phrases from '../../../src/engine/samples/airline/phrases';

const ROOT = path.resolve(__dirname, '../../../src/engine');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every string in the airline phrase banks (composed parts, lists, records of lists). */
function bankStrings(): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(phrases);
  return out;
}

describe('samples: the airline domain shares no phrase list with the analyzer', () => {
  it('imports nothing from the analyzer, discovery or the retail phrase banks, and they import nothing from it', () => {
    for (const f of sources(path.join(ROOT, 'samples/airline'))) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /from '\.\.\/\.\.\/(?:analysis|discovery|knowledge)|from '\.\.\/phrases'/, `${f} imports a phrase source`);
    }
    for (const f of [...sources(path.join(ROOT, 'analysis')), ...sources(path.join(ROOT, 'analysis', 'discovery'))]) {
      assert.doesNotMatch(readFileSync(f, 'utf8'), /samples/, `${f} reaches into samples`);
    }
  });

  it('no phrase of its banks appears in the analyzer or discovery sources', () => {
    const analyzer = [...sources(path.join(ROOT, 'analysis')), ...sources(path.join(ROOT, 'analysis', 'discovery'))].map((f) => readFileSync(f, 'utf8').toLowerCase()).join('\n');
    const shared = bankStrings()
      .map((s) => s.replace(/\{\w+\}/g, '').replace(/[.,?:]/g, '').trim().toLowerCase())
      .filter((s) => s.split(/\s+/).length >= 3 && analyzer.includes(s));
    assert.deepEqual(shared, []);
  });

  it('plants its effects: the planted cells differ from their situation as the answer key says', () => {
    const calls = generateAirlineCalls({ seed: 3, count: 4000 });
    for (const p of AIRLINE_PLANTED) {
      const cell = calls.filter((c) => c.truth.intent === p.intent && c.truth.situation === p.situation);
      const rate = (xs: typeof cell) => xs.filter((c) => c.truth.success).length / xs.length;
      const mine = rate(cell.filter((c) => c.truth.move === p.move));
      const rest = rate(cell.filter((c) => c.truth.move !== p.move));
      assert.equal(Math.sign(mine - rest), p.effect === 'positive' ? 1 : -1, `${p.intent}/${p.situation}/${p.move}: ${mine} vs ${rest}`);
    }
    assert.deepEqual(generateAirlineCalls({ seed: 3, count: 5 }).map((c) => c.events.length), calls.slice(0, 5).map((c) => c.events.length), 'deterministic for a seed');
  });
});
