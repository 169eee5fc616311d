import { createTwoFilesPatch, applyPatch, parsePatch } from 'diff';
import type { PlaybookBullet } from '../model';

export const SECTION_START = '<!-- kaizen:playbook -->';
export const SECTION_END = '<!-- /kaizen:playbook -->';
/** The section's fixed lines: Kaizen's own words, not data (the privacy gate skips them). */
export const SECTION_HEADER: readonly string[] = [SECTION_START, '## Learned playbook', 'Lessons learned from recorded calls; each line names its bullet.'];
export const isScaffoldLine = (line: string): boolean => line === SECTION_END || SECTION_HEADER.includes(line);
const BULLET_RE = /^- \[(pb-[0-9a-z]{6,16})\] (.+)$/;
const PLAIN_BULLET_RE = /^- (?!\[pb-)(.+)$/;

/**
 * The playbook as a prompt section: a heading per section, one line per active bullet with its id in
 * brackets (as ACE renders its bullets), so a call's prompt says which bullets it ran and an edited
 * line still names the bullet it edits.
 */
export function renderPlaybookSection(bullets: readonly PlaybookBullet[]): string {
  const active = bullets.filter((b) => b.status === 'active');
  const sections = [...new Set(active.map((b) => b.section))].sort((a, b) => a.localeCompare(b));
  const lines = [...SECTION_HEADER];
  for (const s of sections) {
    lines.push('', `### ${s}`);
    for (const b of active) if (b.section === s) lines.push(`- [${b.id}] ${oneLine(b.text)}`);
  }
  lines.push(SECTION_END);
  return lines.join('\n');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The prompt with its playbook section replaced (or appended after a blank line when it has none). */
export function withPlaybookSection(prompt: string, section: string): string {
  const start = prompt.indexOf(SECTION_START);
  const end = prompt.indexOf(SECTION_END);
  if (start >= 0 && end > start) return prompt.slice(0, start) + section + prompt.slice(end + SECTION_END.length);
  const eol = prompt.includes('\r\n') ? '\r\n' : '\n';
  const body = prompt.replace(/\s+$/, '');
  const sectionText = section.split('\n').join(eol);
  return body === '' ? `${sectionText}${eol}` : `${body}${eol}${eol}${sectionText}${eol}`;
}

/** A bullet line as it reads in a prompt's playbook section. */
export interface SectionLine {
  /** Absent for a line a designer added without an id. */
  id?: string;
  section: string;
  text: string;
}

/** The bullet lines of a prompt's playbook section (empty when it has none). */
export function readPlaybookSection(prompt: string): SectionLine[] {
  const start = prompt.indexOf(SECTION_START);
  const end = prompt.indexOf(SECTION_END);
  if (start < 0 || end < start) return [];
  const out: SectionLine[] = [];
  let section = 'General';
  for (const raw of prompt.slice(start + SECTION_START.length, end).split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^###\s+(.+)$/.exec(line);
    if (heading) {
      section = heading[1]!.trim();
      continue;
    }
    const m = BULLET_RE.exec(line);
    if (m) out.push({ id: m[1]!, section, text: m[2]!.trim() });
    else {
      const plain = PLAIN_BULLET_RE.exec(line);
      if (plain) out.push({ section, text: plain[1]!.trim() });
    }
  }
  return out;
}

/** The bullet ids a prompt runs (those named in its playbook section). */
export function bulletIdsIn(prompt: string): string[] {
  return readPlaybookSection(prompt).flatMap((l) => (l.id ? [l.id] : []));
}

/** A unified diff of the prompt file (jsdiff), named as the host names the file. */
export function promptPatch(target: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${target}`, `b/${target}`, before, after, undefined, undefined, { context: 3 });
}

export class PatchError extends Error {
  readonly reason = 'patch-does-not-apply';
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/**
 * Applies a (possibly hand-edited) unified diff to the prompt it was made for. Exact: no fuzz, so a
 * patch that does not apply cleanly is refused rather than guessed at.
 */
export function applyPromptPatch(base: string, patch: string, field = 'patch'): string {
  let parsed;
  try {
    parsed = parsePatch(recountHunks(patch));
  } catch (e) {
    throw new PatchError(`${field}: not a unified diff (${(e as Error).message}); start from the proposal's patch and edit only the + lines`);
  }
  if (parsed.length !== 1 || parsed[0]!.hunks.length === 0) {
    throw new PatchError(`${field}: expected a unified diff of one file with at least one hunk (found ${parsed.length} file(s)); start from the proposal's patch`);
  }
  const out = applyPatch(base, parsed[0]!, { fuzzFactor: 0 });
  if (out === false) {
    throw new PatchError(`${field}: does not apply cleanly to the prompt the proposal was made from (a context or - line differs); edit only lines starting with +, or run \`kaizen improve propose\` again`);
  }
  return out;
}

/**
 * A designer who adds or removes a line in a diff editor rarely fixes the `@@ -a,b +c,d @@` counts;
 * they are recomputed from the hunk's lines so only the lines themselves must match the prompt.
 */
export function recountHunks(patch: string): string {
  const lines = patch.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(lines[i]!);
    if (!m) {
      out.push(lines[i]!);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !/^(@@ |--- |\+\+\+ |diff |Index: |====)/.test(lines[end]!)) end++;
    // Trailing empty lines belong to the file's end, not to the hunk.
    let last = end;
    while (last > i + 1 && lines[last - 1] === '') last--;
    let oldCount = 0;
    let newCount = 0;
    for (const l of lines.slice(i + 1, last)) {
      if (l.startsWith('\\')) continue;
      if (l.startsWith('-')) oldCount++;
      else if (l.startsWith('+')) newCount++;
      else {
        oldCount++;
        newCount++;
      }
    }
    out.push(`@@ -${m[1]},${oldCount} +${m[2]},${newCount} @@${m[3]}`);
  }
  return out.join('\n');
}
