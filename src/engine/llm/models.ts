/**
 * What each Claude model takes, so every request is one the API accepts:
 * - `thinking`: `budget` = `{type: 'enabled', budget_tokens}` (below `max_tokens`); `adaptive` = the
 *   model decides how much to think (`{type: 'adaptive'}` + `output_config.effort`). Opus 4.7 and later
 *   and the Claude 5 families reject the budget form; Opus 4.6 deprecates it (the SDK warns).
 * - `answer`: `output-config` = structured outputs (`output_config.format` with a JSON Schema);
 *   `tool` = a tool whose `input_schema` is the answer's schema, with `tool_choice: auto` (a forced
 *   tool choice is not allowed together with extended thinking). Models without structured outputs
 *   (Claude 4.1 and earlier, Fable 5) answer through the tool.
 */
export interface ModelCapabilities {
  thinking: 'budget' | 'adaptive';
  answer: 'output-config' | 'tool';
}

const KNOWN: Record<string, ModelCapabilities> = {
  'claude-3-7-sonnet': { thinking: 'budget', answer: 'tool' },
  'claude-sonnet-4': { thinking: 'budget', answer: 'tool' },
  'claude-opus-4': { thinking: 'budget', answer: 'tool' },
  'claude-opus-4-1': { thinking: 'budget', answer: 'tool' },
  'claude-sonnet-4-5': { thinking: 'budget', answer: 'output-config' },
  'claude-opus-4-5': { thinking: 'budget', answer: 'output-config' },
  'claude-haiku-4-5': { thinking: 'budget', answer: 'output-config' },
  'claude-sonnet-4-6': { thinking: 'budget', answer: 'output-config' },
  'claude-opus-4-6': { thinking: 'adaptive', answer: 'output-config' },
  'claude-opus-4-7': { thinking: 'adaptive', answer: 'output-config' },
  'claude-opus-4-8': { thinking: 'adaptive', answer: 'output-config' },
  'claude-mythos-preview': { thinking: 'adaptive', answer: 'output-config' },
};

/** A snapshot name (`claude-sonnet-4-5-20250929`) or a provider-qualified one shares its alias's row. */
export function modelAlias(model: string): string {
  return model.replace(/[@-]\d{8}(?:-v\d+:\d+)?$/, '');
}

export class UnknownModelError extends Error {
  readonly reason = 'unknown-model';
  constructor(readonly model: string) {
    super(`unknown Claude model "${model}": use one of ${Object.keys(KNOWN).join(', ')} or a newer claude-<family>-<major>[-<minor>] name (--model, or the kaizen.claude.model setting)`);
    this.name = 'UnknownModelError';
  }
}

/**
 * The capabilities of `model`: from the table, else from its version (a model newer than this table:
 * Claude 5 and Opus 4.7+ take adaptive thinking and structured outputs; Fable answers through a tool).
 */
export function modelCapabilities(model: string): ModelCapabilities {
  const alias = modelAlias(model);
  const known = KNOWN[alias];
  if (known) return known;
  const m = /^claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d+))?$/.exec(alias);
  if (!m) throw new UnknownModelError(model);
  const major = Number(m[2]);
  const minor = Number(m[3] ?? 0);
  if (major < 4 || (major === 4 && minor < 7)) throw new UnknownModelError(model);
  return { thinking: 'adaptive', answer: m[1] === 'fable' ? 'tool' : 'output-config' };
}

/** The effort that stands for a thinking budget on a model that only thinks adaptively. */
export function effortForBudget(budgetTokens: number): 'low' | 'medium' | 'high' {
  if (budgetTokens <= 2048) return 'low';
  if (budgetTokens <= 8192) return 'medium';
  return 'high';
}
