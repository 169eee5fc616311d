// What `kaizen --help` lists, so a run loads no command module it does not run (cold start).
// test/cli/manifest.test.ts checks it against what the modules register and prints the new list when
// a command, its arguments or its description change: paste that list here.
import type { CommandModuleName } from './index';

export interface CommandManifestEntry {
  name: string;
  module: CommandModuleName;
  /** How the help lists it: name, `[options]`, arguments. */
  term: string;
  description: string;
}

export const COMMAND_MANIFEST: readonly CommandManifestEntry[] = [
  { name: "demo", module: 'demo', term: "demo [options]", description: "Run every stage on generated sample calls: import with redaction, analysis, knowledge, an A/B experiment with a guarded rollout, and a report." },
  { name: "samples", module: 'samples', term: "samples [options]", description: "Generate realistic customer-service calls (Kaizen JSONL, raw with PII as a recording would be) and the truth of what was planted in them." },
  { name: "import", module: 'import', term: "import [options] <files...>", description: "Import recorded calls into the learning store (redacted before storing). Formats are detected: kaizen-jsonl, openai-messages, uss, vapi, retell, openai-realtime. Exit code 1 when any record was rejected." },
  { name: "calls", module: 'calls', term: "calls [options]", description: "List stored calls in start-time order; filter by agent, intent, outcome, source file or start time." },
  { name: "export", module: 'store', term: "export [options]", description: "Write the learning store as a portable bundle (schema version and a checksum per section); `kaizen import-bundle` merges it into another store." },
  { name: "import-bundle", module: 'store', term: "import-bundle [options] <bundle>", description: "Merge a bundle from `kaizen export` into the store: validated (checksums, every record), no duplicates, older schemas migrated. A bad bundle changes nothing." },
  { name: "retention", module: 'store', term: "retention [options]", description: "Apply a retention policy: delete redacted transcripts (and journal entries) older than the given days; aggregates, analyses, patterns and artifacts stay." },
  { name: "stats", module: 'store', term: "stats [options]", description: "What the store holds: calls, events, analyses, patterns, artifacts, experiments, file size. `stats export|merge|fleet|submit|pull` share pattern statistics between nodes." },
  { name: "test", module: 'test', term: "test [options] <paths...>", description: "Replay recorded-call fixtures (*.calls.jsonl with expectations) through redact \u2192 analyze and check them; exit 1 when any fails." },
  { name: "experiment", module: 'experiment', term: "experiment", description: "A/B experiments on agent artifacts: sticky allocation, trustworthy statistics, automatic winners and guarded staged rollout." },
  { name: "analyze", module: 'analyze', term: "analyze [options]", description: "Analyze every stored call (signals, outcome, intent, situations and moves), then recompute patterns and knowledge artifacts." },
  { name: "tree", module: 'analyze', term: "tree [options]", description: "Show the learned decision tree of an intent (which move to make in which situation); without --intent, list every tree." },
  { name: "patterns", module: 'patterns', term: "patterns [options]", description: "List the (intent, situation, move) patterns from the last `kaizen analyze`: success rate, Wilson 95% interval, lift over the other moves in the same situation, BH-adjusted q-value." },
  { name: "graph", module: 'graph', term: "graph [options]", description: "The knowledge graph (intents, situations, moves, tools, errors; weighted edges) from the last `kaizen analyze`." },
  { name: "redact", module: 'redact', term: "redact [options] [file]", description: "Redact PII from plain text (one text per line) or JSONL with a \"text\" field; writes the same shape." },
  { name: "intents", module: 'intents', term: "intents", description: "Train, run and extend an intent classifier on your own taxonomy (in-process, no downloaded model)." },
  { name: "doctor", module: 'doctor', term: "doctor [options]", description: "Check every stored call row (JSON columns and transcripts), in the store file and in each segment file of sealed calls, for damage and for personal data the privacy gate would refuse (emails, phone, card, SSN, IBAN, IP numbers; reported by file, field and type, never the value). Damaged rows are listed; --quarantine moves those of the store file into the quarantined_calls table (nothing is deleted) so calls, export and analyze read the rest cleanly; segment files are immutable and only reported. Exit code 1 when damaged rows or leaks remain." },
  { name: "serve", module: 'live', term: "serve [options]", description: "The agent side of the Kaizen protocol: replay recorded calls live (WebSocket /v1/stream, SSE /v1/events), apply and log corrections and published artifacts. Prints {\"stream\",\"events\",\"http\"} first. With --hub: the collective hub (signed artifacts, quorum, agents applied); prints {\"hub\",…} first." },
  { name: "live", module: 'live', term: "live [options]", description: "Stream live calls from an agent endpoint into the store (redacted), sending micro-corrections; prints a JSON summary on exit." },
  { name: "events", module: 'live', term: "events [options]", description: "Stored events (redacted) as JSONL, each call in seq order." },
  { name: "artifact", module: 'artifact', term: "artifact", description: "Learning artifacts: list, show, approve, publish to a live agent (Kaizen endpoint, Vapi, Retell), roll back. Every transition is journaled." },
  { name: "report", module: 'report', term: "report [options]", description: "Write a report of your store: calls, outcomes, intents, significant patterns (with a chart), every decision tree (drawn), recurring errors. Markdown, or standalone HTML that loads nothing." },
  { name: "fixtures", module: 'fixtures', term: "fixtures", description: "Make recorded-call fixtures for `kaizen test`." },
  { name: "improve", module: 'improve', term: "improve", description: "Prompt improvements from the analysis: proposals (playbook bullets as a diff of your prompt file, with gates), accept (optionally your edited patch) or reject; every decision is journaled." },
  { name: "playbook", module: 'improve', term: "playbook [options]", description: "The playbook (bullets with helpful/harmful counters, grown by deltas): show it, or `playbook add --section <s> --text <t>` to add a bullet by hand." },
  { name: "analytics", module: 'analytics', term: "analytics", description: "KPIs of your stored calls per prompt version, month or agent, and the ROI of prompt versions against a baseline." },
  { name: "simulate", module: 'simulate', term: "simulate [options]", description: "Watch the learning loop on a simulated fleet (sample calls with planted effects and error modes, no production data): analyze \u2192 patterns \u2192 experiments with the always-valid test \u2192 staged rollout; avoidance rules from the errors stage; moves and rules shared through an in-process hub and applied by every agent. Nothing is stored." },
  { name: "errors", module: 'errors', term: "errors", description: "The error catalog: fingerprints, avoidance rules learned from past calls, warnings before a tool call, regression fixtures." },
  { name: "deep-analyze", module: 'deepAnalyze', term: "deep-analyze [options]", description: "Deep analysis of significant patterns and recurring errors with Claude (extended thinking, structured answers, cost ledger); key from ANTHROPIC_API_KEY. Without a key: the engine's own findings, no request. Prints {\"mode\",\"model\",\"requests\",\"usage\",\"costUsd\",\"findings\"}." },
  { name: "keys", module: 'keys', term: "keys", description: "Ed25519 signing keys for sharing artifacts with a hub: make one, list the public halves as a trust file." },
];
