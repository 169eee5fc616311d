import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const WORD_VECTORS_FILE = 'word-vectors-100d.bin';

/**
 * Finds the pretrained word vectors intent induction reads: beside the bundle (dist/, where the build
 * copies them and the .vsix carries them) or in the repository's assets/ when running from source.
 * Undefined when neither exists; induction then runs on TF-IDF/LSA alone.
 */
export function locateWordVectors(): string | undefined {
  const candidates = [
    path.join(__dirname, WORD_VECTORS_FILE),
    path.join(__dirname, '..', 'assets', WORD_VECTORS_FILE),
    path.join(__dirname, '..', '..', 'assets', WORD_VECTORS_FILE),
  ];
  return candidates.find((c) => existsSync(c));
}
