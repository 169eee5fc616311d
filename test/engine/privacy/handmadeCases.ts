import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One hand-made leak case (test/fixtures/privacy/handmade/*.jsonl). */
export interface LeakCase {
  file: string;
  id: string;
  turns: [role: 'user' | 'agent', text: string][];
  tools?: { name: string; arguments: Record<string, unknown>; result?: string }[];
  agentId?: string;
  callId?: string;
  externalId?: string;
  secrets: string[];
}

export const HANDMADE_DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'privacy', 'handmade');

export function loadLeakCases(dir = HANDMADE_DIR): LeakCase[] {
  const cases: LeakCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const c = JSON.parse(line) as Omit<LeakCase, 'file'>;
        if (!c.id || !Array.isArray(c.turns) || !Array.isArray(c.secrets) || c.secrets.length === 0) throw new Error(`${file}:${i + 1}: a case needs id, turns and secrets`);
        cases.push({ ...c, file });
      });
  }
  return cases;
}

/** The case as Kaizen JSONL events (what `kaizen import` reads). */
export function caseEvents(c: LeakCase, ts0 = 1_790_000_000_000): Record<string, unknown>[] {
  const callId = c.callId ?? `handmade-${c.id}`;
  const agentId = c.agentId ?? 'support-bot';
  let n = 0;
  const ev = (extra: Record<string, unknown>) => ({ eventId: `${c.id}:${n}`, callId, agentId, ts: ts0 + 1000 * n++, ...extra });
  const events: Record<string, unknown>[] = [
    ev({ type: 'call.started', channel: 'voice', ...(c.externalId ? { source: { file: 'handmade.jsonl', index: 0, format: 'kaizen-jsonl', externalId: c.externalId } } : {}) }),
  ];
  for (const [role, text] of c.turns) events.push(ev({ type: 'turn', role, text }));
  (c.tools ?? []).forEach((t, k) => {
    events.push(ev({ type: 'tool.called', toolCallId: `${c.id}-t${k}`, name: t.name, arguments: t.arguments }));
    events.push(ev({ type: 'tool.result', toolCallId: `${c.id}-t${k}`, name: t.name, ok: true, ...(t.result !== undefined ? { result: t.result } : {}) }));
  });
  events.push(ev({ type: 'call.ended', outcome: { resolved: true, endReason: 'completed' } }));
  return events;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a secret still shows in `haystack`: as a whole word (case-insensitive), and for secrets with
 * four or more digits also with every separator between digits removed ("917-223-4567" ⇄ "9172234567").
 */
export function findSecret(haystack: string, secret: string): string | undefined {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(secret)}(?![\\p{L}\\p{N}])`, 'iu');
  const m = re.exec(haystack);
  if (m) return haystack.slice(Math.max(0, m.index - 40), m.index + secret.length + 40);
  const digits = secret.replace(/\D/g, '');
  if (digits.length >= 4 && /^[\d\s().+-]+$/.test(secret.replace(/[A-Za-z]/g, ''))) {
    const compact = haystack.replace(/(?<=\d)[\s().-]+(?=\d)/g, '');
    const at = compact.search(new RegExp(`(?<![\\p{L}\\p{N}])${digits}(?![\\p{L}\\p{N}])`, 'u'));
    if (at >= 0) return compact.slice(Math.max(0, at - 40), at + digits.length + 40);
  }
  return undefined;
}

/** Every secret of every case looked for in every stored or exported field: the leaks found, and how many checks ran. */
export function scanForLeaks(cases: readonly { file: string; id: string; secrets: readonly string[] }[], haystacks: readonly (readonly [string, string])[]): { leaks: string[]; checks: number } {
  const leaks: string[] = [];
  let checks = 0;
  for (const c of cases) {
    for (const secret of c.secrets) {
      for (const [where, text] of haystacks) {
        checks++;
        const hit = findSecret(text, secret);
        if (hit) leaks.push(`${c.file} ${c.id} "${secret}" in ${where}: …${hit}…`);
      }
    }
  }
  return { leaks, checks };
}
