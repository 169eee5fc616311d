// Synthetic calls for the scale benchmark and its profiling script: realistic raw (unredacted) text
// with some PII, ~12 turns and a tool call per call, deterministic.
import * as fs from 'node:fs';
import type { Conversation, ConversationEvent } from '../src/engine/model';
import { assembleConversation } from '../src/engine/model';
import type { CallAnalysisRecord } from '../src/engine/store';
const USER = [
  'Hi, I was charged twice for my order and I need that fixed.',
  'My name is Maria Gonzalez and the account email is maria.gonzalez@example.com.',
  'I already called yesterday and nobody called me back, which is frustrating.',
  'Can you tell me when the technician will arrive at 42 Elm Street, Springfield?',
  'I want to cancel my subscription, it is too expensive for what I get.',
  'The card ending in 4242 should be the one on file.',
  'Yes, that is correct. My phone number is (415) 555-0134.',
  'Okay, and how long does the refund take to show up on my statement?',
  'No, I do not want the upgrade, I just want the original plan back.',
  'Thanks, that actually helps a lot. Anything else I need to do?',
];
const AGENT = [
  'I am sorry about the double charge. Let me pull up your account.',
  'Thanks for waiting. I can see two charges of $49.99 on March 3rd.',
  'I have issued a refund for the duplicate charge; it takes three to five business days.',
  'I understand the frustration. I will make sure this gets resolved on this call.',
  'Before you go, I can offer a 20% discount on the next three months if you stay.',
  'Could you confirm the last four digits of the card on the account?',
  'The technician is scheduled between 9 and 11 tomorrow morning.',
  'I have updated your plan; you will get a confirmation email shortly.',
  'Is there anything else I can help you with today?',
  'Let me transfer you to our billing specialist who can approve that.',
];
// The personal data differs from call to call (as it does in real calls), so a redactor that reuses the
// detections of texts it has seen gets no free pass on the sentences that hold it; scripted lines repeat.
const FIRST = ['Maria', 'James', 'Aisha', 'Chen', 'Olga', 'Rahul', 'Fatima', 'Lucas', 'Grace', 'Tomasz', 'Ines', 'Kwame'];
const LAST = ['Gonzalez', 'Smith', 'Okafor', 'Wang', 'Petrova', 'Sharma', 'Haddad', 'Silva', 'Ivanova', 'Nowak', 'Garcia', 'Mensah', 'Brown'];
function personal(text: string, i: number): string {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const digits = String(1_000_000 + ((i * 7919) % 9_000_000)).slice(-7);
  return text
    .replace('Maria Gonzalez', `${first} ${last}`)
    .replace('maria.gonzalez', `${first.toLowerCase()}.${last.toLowerCase()}${i % 100}`)
    .replace('555-0134', `${digits.slice(0, 3)}-${digits.slice(3)}`)
    .replace('4242', digits.slice(-4))
    .replace('42 Elm', `${10 + (i % 890)} Elm`);
}
const INTENTS = ['billing', 'cancel', 'technician', 'refund', 'plan-change'];
const T0 = Date.UTC(2026, 0, 1);

export function callEvents(i: number): ConversationEvent[] {
  const callId = `call-${i.toString(36).padStart(6, '0')}`;
  const agentId = `agent-${i % 8}`;
  const t0 = T0 + i * 30_000;
  const events: ConversationEvent[] = [];
  let e = 0;
  let ts = t0;
  const id = (): string => `${callId}:${e++}`;
  events.push({ callId, agentId, eventId: id(), ts, type: 'call.started', channel: 'voice' } as ConversationEvent);
  const turns = 10 + (i % 5);
  for (let k = 0; k < turns; k++) {
    ts += 2000 + ((i * 31 + k * 17) % 6000);
    const role = k % 2 === 0 ? 'user' : 'agent';
    const text = personal((role === 'user' ? USER : AGENT)[(i * 7 + k * 3) % 10]!, i);
    events.push({ callId, agentId, eventId: id(), ts, type: 'turn', role, text } as ConversationEvent);
    if (k === 3) {
      events.push({ callId, agentId, eventId: id(), ts: ts + 200, type: 'tool.called', toolCallId: `${callId}:t`, name: 'lookup_account', arguments: { accountId: `acct-${i % 997}` } } as ConversationEvent);
      events.push({ callId, agentId, eventId: id(), ts: ts + 600, type: 'tool.result', toolCallId: `${callId}:t`, name: 'lookup_account', ok: i % 17 !== 0, result: `{"status":"active","charges":${1 + (i % 3)}}` } as ConversationEvent);
    }
  }
  const resolved = i % 10 < 7;
  events.push({ callId, agentId, eventId: id(), ts: ts + 1000, type: 'call.ended', outcome: { resolved, endReason: resolved ? 'completed' : 'customer_hangup' } } as ConversationEvent);
  return events;
}

export async function writeJsonl(file: string, n: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let buf = '';
  for (let i = 0; i < n; i++) {
    for (const ev of callEvents(i)) buf += `${JSON.stringify(ev)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return fs.statSync(file).size;
}

/** A stored call with an analysis, as the store holds it after an import (redacted text). */
export function storedCall(i: number): Conversation {
  return assembleConversation(callEvents(i));
}
export function analysisOf(c: Conversation, i: number): CallAnalysisRecord {
  return {
    callId: c.callId,
    agentId: c.agentId,
    intent: INTENTS[i % INTENTS.length]!,
    intentConfidence: 0.9,
    outcome: { label: c.outcome?.resolved ? 'success' : 'failure', probability: 0.8 },
    signals: [{ kind: 'resolution', polarity: 'success', turnIndex: 9, strength: 0.7 }],
    errorFingerprints: i % 50 === 0 ? ['fp-timeout'] : undefined,
    // Detail of about the size analyzeStore writes (~1 KB).
    detail: { outcomeSource: 'explicit', intentSource: 'model', evidence: ['thanks, that actually helps a lot'], triggers: [{ kind: 'repeat-contact', turnIndex: 2 }], strategies: ['apologize', 'refund', 'offer-discount'], fragments: AGENT.slice(0, 3), toolSequence: ['lookup_account'], errors: [] },
    analyzedAt: c.startedAt,
  };
}

