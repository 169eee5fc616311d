import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeEvents } from '../../engine/analysis';
import { IngestFormatError, SourceReader } from '../../engine/ingest';
import { assembleConversation } from '../../engine/model';
import type { Conversation, ConversationEvent } from '../../engine/model';
import { createRedactor } from '../../engine/privacy';
import type { Expectation } from '../../engine/replay';
import { resolveCallId } from '../callView';
import { CliError, DEFAULT_STORE, ExitCode } from '../context';
import type { CliContext } from '../context';
import { openWorkspace } from '../workspace';
import type { RegisterCommand } from './index';

interface FromCallsOpts {
  store: string;
  out: string;
  force?: boolean;
}

/** Calls of an import file (any format), redacted with a throwaway key: a fixture never holds raw PII. */
async function callsFromFile(ctx: CliContext, file: string): Promise<Conversation[]> {
  const redactor = createRedactor({ hashing: ctx.ports.hashing, hmacKey: ctx.ports.hashing.randomBytes(32) });
  const reader = new SourceReader(file, { fs: ctx.ports.fs, hashing: ctx.ports.hashing, sourceName: path.relative(ctx.cwd, file) || file });
  // A platform may report one call more than once (Retell call_ended + call_analyzed): one fixture call each.
  const byCall = new Map<string, Map<string, ConversationEvent>>();
  try {
    for await (const item of reader.items()) {
      if (item.kind === 'call') {
        const events = byCall.get(item.events[0]!.callId) ?? new Map<string, ConversationEvent>();
        for (const e of item.events) if (!events.has(e.eventId)) events.set(e.eventId, e);
        byCall.set(item.events[0]!.callId, events);
      } else ctx.stderr.write(`kaizen: ${item.rejection.file}:${item.rejection.line ?? '?'} ${item.rejection.field}: ${item.rejection.reason} (left out)\n`);
    }
  } catch (err) {
    if (err instanceof IngestFormatError) throw new CliError(err.message, ExitCode.usage);
    throw err;
  }
  return [...byCall.values()].map((events) => redactor.redactConversation(assembleConversation([...events.values()])));
}

/**
 * What the call does today, as expectations: the analyzer's outcome and intent, the end reason and the
 * tools in order. A fixture made from a good call then guards it against regressions.
 */
function expectationsOf(conv: Conversation): Expectation {
  const analysis = analyzeEvents(conv.events);
  const expect: Expectation = { outcome: analysis.outcome.label, intent: analysis.intent };
  if (conv.outcome && conv.outcome.endReason !== 'unknown') expect.endReason = conv.outcome.endReason;
  const tools = conv.events.flatMap((e) => (e.type === 'tool.called' ? [e.name] : []));
  if (tools.length) expect.toolOrder = tools;
  return expect;
}

/** Kaizen JSONL, one event per line, the expectations inline on the call's `call.started` line. */
function fixtureLines(conv: Conversation): string[] {
  const expect = expectationsOf(conv);
  let at = conv.events.findIndex((e) => e.type === 'call.started');
  if (at < 0) at = 0;
  return conv.events.map((e, i) => JSON.stringify(i === at ? { ...e, expect } : e));
}

export const register: RegisterCommand = (program, ctx) => {
  const fixtures = program.command('fixtures').description('Make recorded-call fixtures for `kaizen test`.');
  fixtures
    .command('from-calls <idsOrFiles...>')
    .description(
      'Turn stored calls (ids or unambiguous prefixes, from --store) or the calls of an import file (any format: Kaizen, Vapi, Retell, Realtime, τ-bench…) into one *.calls.jsonl fixture. Each call gets its current outcome, intent, end reason and tool order as inline expectations; edit them to taste.',
    )
    .option('--store <path>', 'learning store for call ids', DEFAULT_STORE)
    .option('-o, --out <file>', 'fixture file to write (*.calls.jsonl)', 'kaizen.calls.jsonl')
    .option('--force', 'replace the --out file if it exists')
    .action(async (inputs: string[], opts: FromCallsOpts) => {
      if (!/\.calls\.jsonl$/i.test(opts.out)) throw new CliError(`--out ${opts.out}: a fixture's name must end in .calls.jsonl (that is what \`kaizen test\` looks for)`, ExitCode.usage);
      const out = path.resolve(ctx.cwd, opts.out);
      if (fs.existsSync(out) && !opts.force) throw new CliError(`${opts.out} exists; pass --force to replace it`, ExitCode.usage);
      const conversations: Conversation[] = [];
      const ids: string[] = [];
      for (const input of inputs) {
        const file = path.resolve(ctx.cwd, input);
        if (fs.existsSync(file) && fs.statSync(file).isFile()) conversations.push(...(await callsFromFile(ctx, file)));
        else ids.push(input);
      }
      if (ids.length) {
        const ws = await openWorkspace(ctx, opts.store);
        try {
          for (const id of ids) {
            const callId = await resolveCallId(ws.store, id);
            const conv = await ws.store.getConversation(callId);
            if (!conv || conv.events.length === 0) throw new CliError(`${callId}: its transcript was deleted by retention; it cannot become a fixture`, ExitCode.problems);
            conversations.push(conv);
          }
        } finally {
          await ws.close();
        }
      }
      if (conversations.length === 0) throw new CliError('no calls to write (the files held none)', ExitCode.problems);
      const lines = conversations.flatMap(fixtureLines);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${lines.join('\n')}\n`);
      const shown = path.relative(ctx.cwd, out) || out;
      ctx.stdout.write(`wrote ${conversations.length} call(s), ${lines.length} events, to ${shown}; run \`kaizen test ${shown}\`\n`);
    });
};
