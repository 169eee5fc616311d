import { contentWords } from './terms';

/**
 * Which turns of a call say what the caller wants (intent), what situation they are in, and how the
 * agent answered (move), read as the call streams in. The rule is domain-free: the first user turn
 * states the goal (with the next one when the first is only a greeting); the next user turn before an
 * agent reply is the opening situation, and that reply is the move. A call with a single user turn uses
 * it for both goal and situation.
 */
export interface TurnText {
  text: string;
  turnIndex: number;
}

/** A goal needs this many content words, or a second user turn is read with it ("hi" → "hi, my bag…"). */
const GOAL_MIN_WORDS = 3;
const GOAL_MAX_TURNS = 2;

export class OpeningTracker {
  private readonly goal: TurnText[] = [];
  private goalDone = false;
  private candidate: TurnText | undefined;
  private firstReply: TurnText | undefined;
  private situationTurn: TurnText | undefined;
  private moveTurn: TurnText | undefined;
  readonly tools: string[] = [];

  onTurn(role: 'user' | 'agent' | string, text: string, turnIndex: number): void {
    if (role === 'user') {
      if (!this.goalDone) {
        this.goal.push({ text, turnIndex });
        this.goalDone = this.goal.length >= GOAL_MAX_TURNS || contentWords(this.goal.map((g) => g.text).join(' ')).length >= GOAL_MIN_WORDS;
      } else if (!this.situationTurn) this.candidate = { text, turnIndex };
    } else if (role === 'agent') {
      if (this.goal.length > 0 && !this.firstReply) this.firstReply = { text, turnIndex };
      if (this.candidate && !this.situationTurn) {
        this.situationTurn = this.candidate;
        this.moveTurn = { text, turnIndex };
      }
    }
  }

  onTool(name: string): void {
    this.tools.push(name);
  }

  get goalText(): string {
    return this.goal.map((g) => g.text).join(' ');
  }

  /** The opening situation and the move that answered it (so far). */
  get exchange(): { situation: TurnText; move: TurnText } | undefined {
    if (this.situationTurn && this.moveTurn) return { situation: this.situationTurn, move: this.moveTurn };
    const last = this.goal[this.goal.length - 1];
    if (last && this.firstReply) return { situation: last, move: this.firstReply };
    return undefined;
  }
}
