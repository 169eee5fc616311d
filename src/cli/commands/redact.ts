import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createRedactor, formatPolicyWarnings, PolicyError, readPolicy } from '../../engine/privacy';
import type { KaizenRedactor, PrivacyPolicy } from '../../engine/privacy';
import type { CliContext } from '../context';
import { CliError, ExitCode, writeJsonLine } from '../context';
import { readWorkspaceKey } from '../../engine/workspace';
import type { RegisterCommand } from './index';

interface RedactOpts {
  json?: boolean;
  policy?: string;
}

function loadPolicy(ctx: CliContext, file: string): PrivacyPolicy {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new CliError(`--policy ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--policy ${file}: not JSON (${(err as Error).message})`);
  }
  try {
    const { policy, warnings } = readPolicy(json);
    for (const line of formatPolicyWarnings(`--policy ${file}`, warnings)) ctx.stderr.write(`kaizen: warning: ${line}\n`);
    return policy;
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(`--policy ${file}: ${err.message}`);
    throw err;
  }
}

/** The workspace key when there is one (a malformed one is an error); text redaction hashes nothing, so no key is created for it. */
async function hmacKey(ctx: CliContext): Promise<Uint8Array> {
  try {
    return (await readWorkspaceKey(ctx.ports.secrets)) ?? ctx.ports.hashing.randomBytes(32);
  } catch (err) {
    throw new CliError((err as Error).message, ExitCode.dataError);
  }
}

function openInput(ctx: CliContext, file: string | undefined): NodeJS.ReadableStream {
  if (file === undefined || file === '-') return ctx.stdin;
  const abs = path.resolve(ctx.cwd, file);
  if (!fs.existsSync(abs)) throw new CliError(`${file}: no such file (give a text or JSONL file, or - for stdin)`);
  return fs.createReadStream(abs);
}

/**
 * Reads one text per line, or JSONL whose objects carry a `text` string (decided by the first
 * non-empty line), and writes the same shape redacted; `--json` writes offsets into the original.
 */
async function redactStream(ctx: CliContext, input: NodeJS.ReadableStream, redactor: KaizenRedactor, opts: RedactOpts, name: string): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let mode: 'unknown' | 'text' | 'jsonl' = 'unknown';
  let lineNo = 0;
  let count = 0;
  for await (const line of rl) {
    lineNo++;
    if (mode === 'unknown' && line.trim().length > 0) mode = looksLikeJsonl(line) ? 'jsonl' : 'text';
    let text = line;
    let record: Record<string, unknown> | undefined;
    if (mode === 'jsonl' && line.trim().length > 0) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        throw new CliError(`${name}:${lineNo}: not JSON (${(err as Error).message}); every line of a JSONL input must be an object with a "text" string`, ExitCode.dataError);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as { text?: unknown }).text !== 'string') {
        throw new CliError(`${name}:${lineNo}: field "text" must be a string; every line of a JSONL input must be an object with a "text" string`, ExitCode.dataError);
      }
      record = parsed as Record<string, unknown>;
      text = record.text as string;
    } else if (mode === 'jsonl') {
      continue;
    } else {
      const broken = malformedJson(line);
      // A JSONL file whose line is cut or mis-quoted would otherwise be redacted as text without a word.
      if (broken !== undefined) ctx.stderr.write(`kaizen: ${name}:${lineNo}: warning: this line looks like JSON but does not parse (${broken}); it was redacted as plain text\n`);
    }
    const r = redactor.redactText(text);
    count++;
    if (opts.json) writeJsonLine(ctx.stdout, { text: r.text, entities: r.entities.map((e) => ({ type: e.type, start: e.start, end: e.end })) });
    else if (record) writeJsonLine(ctx.stdout, { ...record, text: r.text });
    else ctx.stdout.write(`${r.text}\n`);
  }
  return count;
}

/** The parse error of a line that starts like a JSON object or array but is not valid JSON, else undefined. */
function malformedJson(line: string): string | undefined {
  const t = line.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    JSON.parse(line);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function looksLikeJsonl(line: string): boolean {
  if (!line.trimStart().startsWith('{')) return false;
  try {
    const v = JSON.parse(line) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('redact')
    .description('Redact PII from plain text (one text per line) or JSONL with a "text" field; writes the same shape.')
    .argument('[file]', 'input file; - or nothing reads stdin')
    .option('--json', 'write {"text", "entities": [{"type", "start", "end"}]} per input, offsets into the original text')
    .option('--policy <file>', 'a privacy policy JSON file (entity types, placeholders, allowlist)')
    .addHelpText('after', '\nExamples:\n  kaizen redact transcript.txt\n  cat calls.jsonl | kaizen redact --json\n  kaizen redact notes.txt --policy privacy.json')
    .action(async (file: string | undefined, opts: RedactOpts) => {
      const policy = opts.policy ? loadPolicy(ctx, opts.policy) : undefined;
      const redactor = createRedactor({ hmacKey: await hmacKey(ctx), hashing: ctx.ports.hashing, policy });
      const input = openInput(ctx, file);
      await redactStream(ctx, input, redactor, opts, file && file !== '-' ? file : 'stdin');
    });
};
