/**
 * Bytes → text lines without ever holding the file. A streaming TextDecoder keeps a multi-byte
 * character split across two chunks whole; it also drops a leading BOM. CRLF and lone LF both end a line.
 */
export interface TextLine {
  text: string;
  /** 1-based line number. */
  line: number;
  /** Set when the line was over the length limit: its length (its text was not kept). */
  tooLong?: number;
}

/** Decodes UTF-8 chunks to text chunks (a character split across chunks comes out whole). */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * Splits text chunks into lines; the last line need not end with a newline. A line longer than
 * `maxChars` is not accumulated: it comes out with empty `text` and `tooLong` = the characters seen,
 * so a 4 GB line costs no more memory than a short one.
 */
export async function* splitLines(texts: AsyncIterable<string>, maxChars = Number.POSITIVE_INFINITY): AsyncGenerator<TextLine> {
  for await (const batch of splitLineBatches(texts, maxChars)) yield* batch;
}

/**
 * `splitLines`, one array per text chunk (the lines it completes). An async generator pays a promise
 * and a microtask turn per item, about as much as parsing a short JSON line: the importer takes lines
 * a chunk at a time.
 */
export async function* splitLineBatches(texts: AsyncIterable<string>, maxChars = Number.POSITIVE_INFINITY): AsyncGenerator<TextLine[]> {
  let carry = '';
  let line = 0;
  /** Characters of the current line dropped because it is over the limit (0: not over). */
  let dropped = 0;
  const finish = (piece: string): TextLine => {
    if (dropped > 0) {
      const out = { text: '', line: ++line, tooLong: dropped + piece.length };
      dropped = 0;
      return out;
    }
    return { text: piece.endsWith('\r') ? piece.slice(0, -1) : piece, line: ++line };
  };
  for await (const text of texts) {
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl < 0) {
      if (dropped > 0) dropped += text.length;
      else if (carry.length + text.length > maxChars) {
        dropped = carry.length + text.length;
        carry = '';
      } else carry += text;
      continue;
    }
    const batch: TextLine[] = [];
    while (nl >= 0) {
      const head = text.slice(start, nl);
      if (dropped > 0 || carry.length + head.length > maxChars) {
        dropped += carry.length + head.length;
        carry = '';
        batch.push(finish(''));
      } else {
        batch.push(finish(carry ? carry + head : head));
        carry = '';
      }
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    const rest = text.slice(start);
    if (rest.length > maxChars) {
      dropped = rest.length;
      carry = '';
    } else carry = rest;
    yield batch;
  }
  if (carry || dropped > 0) yield [finish(carry)];
}

export function readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TextLine> {
  return splitLines(decodeUtf8(chunks));
}
