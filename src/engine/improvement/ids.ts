import type { BulletCite } from '../model';

export type Sha256 = (text: string) => string;

/**
 * The first `n` hex digits of a sha-256 spelled in letters (0→a … f→p). Ids end up in notes, prompts and
 * patches that the privacy validator scans; a run of digits there could read as a phone or account number.
 */
export function letterDigest(sha256: Sha256, text: string, n: number): string {
  return [...sha256(text).slice(0, n)].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

/** A bullet's id: the same evidence (a move in a situation, a fingerprint) always gets the same id, so re-proposing dedupes itself. */
export function citeBulletId(sha256: Sha256, cite: BulletCite): string {
  const key = cite.kind === 'move' ? `move|${cite.intent}|${cite.trigger}|${cite.strategy}|${cite.use ? 'use' : 'avoid'}` : `error|${cite.fingerprint}`;
  return `pb-${letterDigest(sha256, key, 10)}`;
}

/** A designer's bullet: id from its section and text. */
export function manualBulletId(sha256: Sha256, section: string, text: string): string {
  return `pb-${letterDigest(sha256, `manual|${section}|${text}`, 10)}`;
}

export function proposalId(sha256: Sha256, parts: readonly string[]): string {
  return `prop-${letterDigest(sha256, parts.join('\n'), 12)}`;
}
