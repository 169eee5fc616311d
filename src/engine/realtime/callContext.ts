import type { AnalyzerOptions } from '../analysis/callAnalyzer';
import { CallAnalyzer } from '../analysis/callAnalyzer';
import type { ConversationEvent } from '../model';

/** How a live call reads in the store's vocabulary so far: the cell its opening exchange falls in. */
export interface LiveCallContext {
  intent?: string;
  /** The opening situation (a taxonomy trigger or an induced situation label). */
  situation?: string;
  /** The agent's move that answered it, and the event that carried that move. */
  move?: string;
  moveEventId?: string;
}

/** The analyzer setup that names intents, situations and moves (as `pipeline.analysisLabelling` returns it). */
export type LiveLabelling = Pick<AnalyzerOptions, 'taxonomy' | 'intentPredictor' | 'seeds' | 'labeler'>;

/**
 * Past this many turns the opening exchange is settled (patterns count the opening only), so a long
 * call stops costing analysis time per event.
 */
const OPENING_TURNS = 12;

/**
 * Follows one live call through the same streaming analyzer the store's analysis uses, so its
 * (intent, situation, move) are named exactly as the stored patterns are. Only turns and tool calls are
 * fed, and only during the opening; a snapshot is taken after a turn.
 */
export class LiveCallContextTracker {
  private readonly analyzer: CallAnalyzer;
  private readonly turnEvents: string[] = [];
  private current: LiveCallContext = {};

  constructor(labelling: LiveLabelling) {
    this.analyzer = new CallAnalyzer({ ...labelling });
  }

  get context(): LiveCallContext {
    return this.current;
  }

  push(event: ConversationEvent): void {
    if (this.turnEvents.length >= OPENING_TURNS) return;
    if (event.type === 'tool.called') {
      this.analyzer.push(event);
      return;
    }
    if (event.type !== 'turn') return;
    this.analyzer.push(event);
    this.turnEvents.push(event.eventId);
    const a = this.analyzer.snapshot();
    const opening = a.fragments.find((f) => f.opening && f.primary);
    this.current = {
      ...(a.intent !== 'unknown' ? { intent: a.intent } : {}),
      ...(opening ? { situation: opening.trigger, move: opening.strategy, moveEventId: this.turnEvents[opening.agentTurn] } : {}),
    };
  }
}
