import { IngestFormatError, SourceReader } from '../ingest';
import type { ConversationEvent } from '../model';
import type { FileSystem, Hashing } from '../ports';
import { fixtureFromCalls, parseFixture } from './fixture';
import type { Fixture, FixtureProblem } from './fixture';

/** A read-only file system holding one file's bytes, so the ingest reader can read text a host already has. */
function oneFile(path: string, bytes: Uint8Array): FileSystem {
  const refuse = () => Promise.reject(new Error('read-only in-memory file'));
  return {
    readFile: async () => bytes,
    async *readChunks() {
      yield bytes;
    },
    writeFileAtomic: refuse,
    exists: async (p) => p === path,
    stat: async (p) => (p === path ? { size: bytes.byteLength, mtimeMs: 0 } : undefined),
    mkdirp: refuse,
    remove: refuse,
    readdir: async () => [],
  };
}

/**
 * A fixture from a file's text: Kaizen JSONL (inline `expect` lines) when any line is a Kaizen event,
 * else any format `kaizen import` reads (Vapi, Retell, Realtime, τ-bench…), with expectations from the
 * sidecar. A file in no format keeps the Kaizen reading's line-by-line problems. Both hosts (CLI and
 * Test Explorer) load fixtures through here.
 */
export async function loadFixture(name: string, text: string, sidecarText: string | undefined, hashing: Hashing): Promise<Fixture> {
  const kaizen = parseFixture(name, text, sidecarText);
  if (kaizen.calls.length > 0 || kaizen.problems.length === 0) return kaizen;
  const bytes = new TextEncoder().encode(text);
  // The synthetic clock base is fixed: a fixture replays the same whatever the file's date.
  const reader = new SourceReader(name, { fs: oneFile(name, bytes), hashing, sourceName: name, baseTs: 0 });
  const calls: ConversationEvent[][] = [];
  const problems: FixtureProblem[] = [];
  try {
    for await (const item of reader.items()) {
      if (item.kind === 'call') calls.push(item.events);
      else problems.push({ line: Math.max(0, (item.rejection.line ?? 1) - 1), message: `${item.rejection.field}: ${item.rejection.reason}` });
    }
  } catch (err) {
    if (err instanceof IngestFormatError) return kaizen;
    throw err;
  }
  return fixtureFromCalls(name, calls, problems, sidecarText);
}
