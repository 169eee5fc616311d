/**
 * Bytes → text lines without ever holding the file. A streaming TextDecoder keeps a multi-byte
 * character split across two chunks whole; it also drops a leading BOM. CRLF and lone LF both end a line.
 */
export interface TextLine {
  text: string;
  /** 1-based line number. */
  line: number;
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

/** Splits text chunks into lines; the last line need not end with a newline. */
export async function* splitLines(texts: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let carry = '';
  let line = 0;
  for await (const text of texts) {
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl < 0) {
      carry += text;
      continue;
    }
    const batch: TextLine[] = [];
    while (nl >= 0) {
      let piece = text.slice(start, nl);
      if (carry) {
        piece = carry + piece;
        carry = '';
      }
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      batch.push({ text: piece, line: ++line });
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
    yield* batch;
  }
  if (carry) yield { text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, line: ++line };
}

export function readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TextLine> {
  return splitLines(decodeUtf8(chunks));
}
