import type { IngestFormat } from '../../model';
import type { FormatDefinition } from '../types';
import { kaizenJsonlFormat } from './kaizenJsonl';
import { openAiMessagesFormat } from './openaiMessages';
import { openAiRealtimeFormat } from './openaiRealtime';
import { retellFormat } from './retell';
import { ussFormat } from './uss';
import { vapiFormat } from './vapi';

/** In sniffing order: the most specific shapes first (a Kaizen event has `callId`; Realtime has none). */
export const FORMATS: readonly FormatDefinition[] = [
  kaizenJsonlFormat,
  openAiRealtimeFormat,
  vapiFormat,
  retellFormat,
  ussFormat,
  openAiMessagesFormat,
];

export function formatDefinition(format: IngestFormat): FormatDefinition {
  const def = FORMATS.find((f) => f.format === format);
  if (!def) throw new Error(`unknown format ${format}`);
  return def;
}

export function sniffFormat(value: unknown): IngestFormat | undefined {
  return FORMATS.find((f) => f.sniff(value))?.format;
}

export { mapRetellDisconnection } from './retell';
export { mapVapiEndedReason } from './vapi';
