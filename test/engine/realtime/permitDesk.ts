import { ConversationEventSchema } from '../../../src/engine/model';
import type { ConversationEvent } from '../../../src/engine/model';
import { seeded } from './helpers';

// The pattern-correction tests' own domain (a city's parking-permit desk), written here and nowhere else
// (no phrase shared with the sample generator): the analysis learns its vocabulary and patterns from these
// calls, and the live decider corrects with what it learned.
const GOALS = {
  renew: ['I need to renew my residential parking permit', 'I want to renew the residential parking permit for my street', 'renew my residential parking permit please'],
  contest: ['I want to contest a parking ticket on my windshield', 'I need to contest the parking ticket on my windshield', 'contest this parking ticket on my windshield please'],
};
const OPENERS = ['Of course, I can help with that. What seems to be the problem?', 'Sure thing. Tell me what is going on.', 'Happy to help. What happened so far?'];
const SITUATIONS = {
  portal: ['the online portal keeps rejecting my card', 'your online portal keeps rejecting the card', 'the online portal is rejecting my card again'],
  moved: ['I moved house so my address changed', 'we moved house and the address changed', 'my address changed because I moved house'],
};
const MOVES = {
  walk: [
    'Let me walk you through it step by step right now while we are on the line.',
    'I will walk you through each step right now, step by step, while we are on the line.',
    'Stay on the line and I will walk you through it step by step.',
  ],
  office: [
    'You will have to visit the municipal office in person during business hours.',
    'That has to be done at the municipal office in person during business hours.',
    'Please come to the municipal office in person during business hours for that.',
  ],
};
const CLOSINGS = { good: 'okay that worked, thank you', bad: 'that does not help me at all' };

type Key<T> = keyof T & string;

/**
 * The call ends this long after it starts (recorded time): at the tests' 20× replay that leaves seconds
 * between the agent's move and the end, so a correction at the move reaches the agent while the call is
 * still on (an agent answers "expired" after the end), even on a loaded machine.
 */
const END_AFTER_MS = 150_000;

/** One call of the domain; the outcome follows the move (walk-through resolves far more often). */
function call(id: string, intent: Key<typeof GOALS>, situation: Key<typeof SITUATIONS>, move: Key<typeof MOVES>, resolved: boolean, pick: () => number): ConversationEvent[] {
  const choose = <T>(xs: readonly T[]) => xs[Math.floor(pick() * xs.length)]!;
  const t0 = 1_700_000_000_000;
  const raw = [
    { type: 'call.started', channel: 'voice' },
    { type: 'turn', role: 'user', text: choose(GOALS[intent]) },
    { type: 'turn', role: 'agent', text: choose(OPENERS) },
    { type: 'turn', role: 'user', text: choose(SITUATIONS[situation]) },
    { type: 'turn', role: 'agent', text: choose(MOVES[move]) },
    { type: 'turn', role: 'user', text: resolved ? CLOSINGS.good : CLOSINGS.bad },
    { type: 'call.ended', outcome: { resolved, endReason: resolved ? 'completed' : 'customer_hangup' } },
  ];
  return raw.map((e, seq) => ConversationEventSchema.parse({ ...e, eventId: `${id}:${seq}`, callId: id, agentId: 'permits-desk', ts: t0 + (e.type === 'call.ended' ? END_AFTER_MS : seq * 4000), seq }));
}

/** Every (intent, situation, move) combination, `perCell` calls each; walk-through resolves 4 in 5, the office 1 in 5. */
export function permitDeskCalls(prefix: string, perCell: number, seed: number): { events: ConversationEvent[][]; move: Map<string, Key<typeof MOVES>> } {
  const pick = seeded(seed);
  const events: ConversationEvent[][] = [];
  const move = new Map<string, Key<typeof MOVES>>();
  for (const intent of Object.keys(GOALS) as Key<typeof GOALS>[])
    for (const situation of Object.keys(SITUATIONS) as Key<typeof SITUATIONS>[])
      for (const m of Object.keys(MOVES) as Key<typeof MOVES>[])
        for (let i = 0; i < perCell; i++) {
          const id = `${prefix}-${intent}-${situation}-${m}-${i}`;
          const resolved = m === 'walk' ? i % 5 !== 0 : i % 5 === 0;
          events.push(call(id, intent, situation, m, resolved, pick));
          move.set(id, m);
        }
  return { events, move };
}

