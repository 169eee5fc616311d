import { z } from 'zod';
import { CORE_TO_HOST, CORE_TO_WEBVIEW, RequestIdSchema } from './protocol';
import type { WebviewProtocol } from './protocol';
import { PatternEvidenceSchema, PatternExplorerDataSchema } from './viewModels';

/** The Pattern Explorer's messages: the core ones plus patterns and their evidence. */
export const PatternExplorerToHostSchema = z.discriminatedUnion('type', [
  ...CORE_TO_HOST,
  z.object({ type: z.literal('getEvidence'), id: RequestIdSchema, patternId: z.string().min(1), limit: z.number().int().positive().max(50).default(5) }),
]);
export type PatternExplorerToHost = z.output<typeof PatternExplorerToHostSchema>;

export const HostToPatternExplorerSchema = z.discriminatedUnion('type', [
  ...CORE_TO_WEBVIEW,
  z.object({ type: z.literal('patterns'), data: PatternExplorerDataSchema }),
  z.object({ type: z.literal('evidence'), id: RequestIdSchema, data: PatternEvidenceSchema }),
]);
export type HostToPatternExplorer = z.output<typeof HostToPatternExplorerSchema>;

export const patternExplorerProtocol = {
  app: 'patternExplorer',
  toHost: PatternExplorerToHostSchema,
  toWebview: HostToPatternExplorerSchema,
} satisfies WebviewProtocol<PatternExplorerToHost, z.input<typeof PatternExplorerToHostSchema>, HostToPatternExplorer, z.input<typeof HostToPatternExplorerSchema>>;
export type PatternExplorerProtocol = typeof patternExplorerProtocol;
