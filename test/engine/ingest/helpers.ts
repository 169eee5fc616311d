import path from 'node:path';
import type { ConversationEvent } from '../../../src/engine/model';
import type { FileSystem } from '../../../src/engine/ports';
import type { ParseOptions, Rejection } from '../../../src/engine/ingest';
import type { IngestFormat } from '../../../src/engine/model';
import { SourceReader } from '../../../src/engine/ingest';
import { nodeFileSystem, nodeHashing } from '../../../src/node/nodePorts';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/ingest');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** The real file system, re-chunked into `size`-byte pieces (to put chunk edges everywhere). */
export function smallChunkFs(size: number): FileSystem {
  return {
    ...nodeFileSystem,
    async *readChunks(p, options) {
      for await (const chunk of nodeFileSystem.readChunks(p, options)) {
        for (let i = 0; i < chunk.byteLength; i += size) yield chunk.subarray(i, Math.min(chunk.byteLength, i + size));
      }
    },
  };
}

export interface ReadResult {
  reader: SourceReader;
  calls: ConversationEvent[][];
  rejections: Rejection[];
}

export async function readFixture(
  name: string,
  options: Partial<ParseOptions> & { format?: IngestFormat } = {},
): Promise<ReadResult> {
  const reader = new SourceReader(fixture(name), {
    fs: nodeFileSystem,
    hashing: nodeHashing,
    sourceName: name,
    baseTs: 1_700_000_000_000,
    ...options,
  });
  const calls: ConversationEvent[][] = [];
  const rejections: Rejection[] = [];
  for await (const item of reader.items()) {
    if (item.kind === 'call') calls.push(item.events);
    else rejections.push(item.rejection);
  }
  return { reader, calls, rejections };
}

export function ofType<T extends ConversationEvent['type']>(events: ConversationEvent[], type: T): Extract<ConversationEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ConversationEvent, { type: T }> => e.type === type);
}
