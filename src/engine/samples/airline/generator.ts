import type { ConversationEventInput } from '../../model';
import { SeededRandom } from '../random';
import {
  AIRLINE_AGENT_NAMES,
  AIRLINE_BAD_REACTIONS,
  AIRLINE_CITIES,
  AIRLINE_CODE_REQUESTS,
  AIRLINE_GIVE_UPS,
  AIRLINE_GOALS,
  AIRLINE_GOOD_REACTIONS,
  AIRLINE_GREETINGS,
  AIRLINE_HANDOFF_LINES,
  AIRLINE_HANDOFF_REQUESTS,
  AIRLINE_INTENTS,
  AIRLINE_MOVE_LINES,
  AIRLINE_MOVES,
  AIRLINE_SITUATION_LINES,
  AIRLINE_THANKS,
  AIRLINE_WRAP_UPS,
  INTENT_SITUATIONS,
  INTENT_TOOLS,
} from './phrases';
import type { AirlineIntent, AirlineMove, AirlineSituation, Composed } from './phrases';

/**
 * A second sample domain, an airline, for measuring whether Kaizen *learns* a vocabulary: its
 * intents, caller situations and agent moves are phrased from this folder's own banks, and the
 * answer key says which (intent, situation, move) cells truly work better or worse.
 */
export interface AirlinePlanted {
  intent: AirlineIntent;
  situation: AirlineSituation;
  move: AirlineMove;
  successRate: number;
  baselineRate: number;
  effect: 'positive' | 'negative';
}

export const AIRLINE_PLANTED: readonly AirlinePlanted[] = [
  { intent: 'cancel_trip', situation: 'family_emergency', move: 'waive_fee', successRate: 0.88, baselineRate: 0.5, effect: 'positive' },
  { intent: 'change_flight', situation: 'urgent_travel', move: 'rebook_alternative', successRate: 0.86, baselineRate: 0.5, effect: 'positive' },
  { intent: 'baggage_problem', situation: 'fee_upset', move: 'explain_rules', successRate: 0.15, baselineRate: 0.55, effect: 'negative' },
  { intent: 'seat_upgrade', situation: 'frequent_flyer', move: 'offer_voucher', successRate: 0.86, baselineRate: 0.5, effect: 'positive' },
  { intent: 'book_flight', situation: 'fee_upset', move: 'supervisor_handoff', successRate: 0.15, baselineRate: 0.5, effect: 'negative' },
];

const BASELINE: Record<AirlineIntent, number> = { book_flight: 0.5, cancel_trip: 0.5, change_flight: 0.5, baggage_problem: 0.55, seat_upgrade: 0.5 };

export interface AirlineCallTruth {
  callId: string;
  intent: AirlineIntent;
  situation: AirlineSituation;
  move: AirlineMove;
  success: boolean;
  explicitOutcome: boolean;
  /** Turn indices (over turn events) of the situation line and the move. */
  situationTurn: number;
  moveTurn: number;
}

export interface AirlineCall {
  events: ConversationEventInput[];
  truth: AirlineCallTruth;
}

const PAIRS: ReadonlyArray<readonly [AirlineIntent, AirlineSituation]> = AIRLINE_INTENTS.flatMap((i) => INTENT_SITUATIONS[i].map((s) => [i, s] as const));

function compose(r: SeededRandom, parts: Composed): string {
  return parts.map((options) => r.pick(options)).join(' ');
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => slots[key] ?? m);
}

export function* iterateAirlineCalls(options: { seed?: number; count?: number; agentId?: string; startTs?: number } = {}): Generator<AirlineCall> {
  const seed = options.seed ?? 7;
  const count = options.count ?? 5000;
  const agentId = options.agentId ?? 'skyway-air';
  const startTs = options.startTs ?? Date.UTC(2026, 9, 1, 8, 0, 0);
  const r = new SeededRandom(seed * 7919 + 13);
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  for (let i = 0; i < count; i++) {
    const callId = `air-${seed}-${String(i).padStart(6, '0')}`;
    const [intent, situation] = r.pick(PAIRS);
    const move = r.pick(AIRLINE_MOVES);
    const planted = AIRLINE_PLANTED.find((p) => p.intent === intent && p.situation === situation && p.move === move);
    const success = r.chance(planted ? planted.successRate : BASELINE[intent]);
    const explicitOutcome = r.chance(0.8);
    const city = r.pick(AIRLINE_CITIES);
    const slots: Record<string, string> = {
      agent: r.pick(AIRLINE_AGENT_NAMES),
      daypart: r.pick(['morning', 'evening']),
      city,
      city2: r.pick(AIRLINE_CITIES.filter((c) => c !== city)),
      city3: r.pick(AIRLINE_CITIES),
      date: `${r.pick(['May', 'June', 'July', 'August'])} ${r.int(1, 28)}`,
      pnr: Array.from({ length: 6 }, () => r.pick([...letters])).join(''),
      flight: `SW${r.int(100, 999)}`,
      tag: `SW${r.digits(6)}`,
      credit: `$${r.int(5, 30) * 10}`,
      time: `${r.int(6, 11)}:${r.pick(['05', '20', '35', '50'])} ${r.pick(['am', 'pm'])}`,
    };
    let t = startTs + i * 600_000 + r.int(0, 60_000);
    let n = 0;
    let turns = -1;
    const events: ConversationEventInput[] = [];
    const base = () => ({ eventId: `${callId}:${n++}`, callId, agentId, ts: t });
    const turn = (role: 'user' | 'agent', text: string) => {
      t += r.int(2000, 8000);
      events.push({ ...base(), type: 'turn', role, text });
      return ++turns;
    };
    const tool = (name: string) => {
      const toolCallId = `${callId}-t${n}`;
      t += r.int(200, 900);
      events.push({ ...base(), type: 'tool.called', toolCallId, name, arguments: { confirmation: slots.pnr } });
      events.push({ ...base(), type: 'tool.result', toolCallId, name, ok: true, result: '{"status":"ok"}' });
    };
    events.push({ ...base(), type: 'call.started', channel: 'voice' });
    turn('agent', fill(r.pick(AIRLINE_GREETINGS), slots));
    turn('user', fill(`${compose(r, AIRLINE_GOALS[intent])}.`, slots));
    turn('agent', r.pick(AIRLINE_CODE_REQUESTS));
    const situationTurn = turn('user', fill(compose(r, AIRLINE_SITUATION_LINES[situation]), slots));
    const moveTurn = turn('agent', fill(compose(r, AIRLINE_MOVE_LINES[move]), slots));
    for (const name of INTENT_TOOLS[intent]) tool(name);
    const mode = success ? 'ok' : r.weighted([['handoff', 0.4], ['gaveUp', 0.3], ['unresolved', 0.3]] as const);
    if (success) {
      turn('user', r.pick(AIRLINE_GOOD_REACTIONS));
      turn('agent', r.pick(AIRLINE_WRAP_UPS));
      turn('user', r.pick(AIRLINE_THANKS));
    } else {
      turn('user', r.pick(AIRLINE_BAD_REACTIONS));
      if (mode === 'handoff') {
        turn('user', r.pick(AIRLINE_HANDOFF_REQUESTS));
        turn('agent', r.pick(AIRLINE_HANDOFF_LINES));
        tool('transfer_to_human_agents');
      } else if (mode === 'gaveUp') turn('user', r.pick(AIRLINE_GIVE_UPS));
      else {
        turn('agent', 'I am afraid that is as far as I can go today.');
        turn('user', 'Fine. Bye.');
      }
    }
    t += r.int(500, 1500);
    events.push({
      ...base(),
      type: 'call.ended',
      outcome: explicitOutcome
        ? { resolved: success, escalated: mode === 'handoff', transferred: mode === 'handoff', abandoned: mode === 'gaveUp', endReason: mode === 'handoff' ? 'transfer' : mode === 'gaveUp' ? 'customer_hangup' : 'completed' }
        : { endReason: mode === 'gaveUp' ? 'customer_hangup' : 'unknown' },
    });
    yield { events, truth: { callId, intent, situation, move, success, explicitOutcome, situationTurn, moveTurn } };
  }
}

export function generateAirlineCalls(options: { seed?: number; count?: number; agentId?: string } = {}): AirlineCall[] {
  return [...iterateAirlineCalls(options)];
}
