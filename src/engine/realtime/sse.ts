/** One Server-Sent Events message (WHATWG HTML §9.2 event stream format). */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Incremental SSE parser: feed text chunks as they arrive, get whole messages. Handles CRLF/LF/CR
 * line ends, multi-line `data:`, comments (`:`), and a chunk boundary anywhere.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  feed(chunk: string): SseMessage[] {
    // Lines are read by index and the unread tail kept once per chunk: a burst of many events in one chunk
    // costs one pass, not a copy of the rest of the chunk per line.
    const text = this.buffer + chunk;
    const out: SseMessage[] = [];
    let start = 0;
    for (;;) {
      let end = start;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      if (end === text.length) break;
      // A lone CR at the very end may be the first half of CRLF: wait for more.
      if (text.charCodeAt(end) === 13 && end === text.length - 1) break;
      const line = text.slice(start, end);
      start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
      this.line(line, out);
    }
    this.buffer = text.slice(start);
    return out;
  }

  private line(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (this.data.length > 0) out.push({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
