import { Unzip, UnzipInflate } from 'fflate';
import { BundleError } from './learningStore';

/**
 * Unzipping a bundle with bounded memory. `unzipSync` inflates every entry whole before anything can be
 * checked, so a 2 MB zip bomb costs gigabytes and half a minute. Here the compressed bytes are fed in
 * small slices (DEFLATE expands at most ~1032×, so each inflated piece stays small) and the inflated
 * total is checked as it grows: a bomb is refused as soon as it passes the limit.
 */

/** Decompressed size allowed per compressed byte: bundles are JSON at deflate level 1 (~5–15×). */
export const MAX_BUNDLE_EXPANSION = 50;
/** Whatever the ratio, this much decompressed is always allowed (small bundles compress very well). */
export const MIN_BUNDLE_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** And never more than this (sections become strings; V8 strings stop at ~512 MB). */
export const MAX_BUNDLE_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;
export const MAX_BUNDLE_ENTRIES = 64;
/** Compressed bytes per push: at most ~4 MB inflated at a time. */
const SLICE = 4 * 1024;

export function bundleDecompressedLimit(compressedBytes: number): number {
  return Math.min(MAX_BUNDLE_DECOMPRESSED_BYTES, Math.max(MIN_BUNDLE_DECOMPRESSED_BYTES, compressedBytes * MAX_BUNDLE_EXPANSION));
}

/** `only`: inflate just this entry (the others are skipped unread). */
export function unzipBounded(bytes: Uint8Array, limit = bundleDecompressedLimit(bytes.byteLength), only?: string): Record<string, Uint8Array> {
  const isZip = bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
  if (!isZip) throw new BundleError('This file is not a Kaizen bundle (not a readable zip: it does not start with a zip header).', 'format');
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  let entries = 0;
  const unzip = new Unzip((file) => {
    if (++entries > MAX_BUNDLE_ENTRIES) {
      throw new BundleError(`This bundle has more than ${MAX_BUNDLE_ENTRIES} files; a Kaizen bundle has ${MAX_BUNDLE_ENTRIES} at most. Nothing was imported.`, 'format');
    }
    if (only !== undefined && file.name !== only) return;
    const parts: Uint8Array[] = [];
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      total += chunk.byteLength;
      if (total > limit) {
        throw new BundleError(
          `The bundle unpacks to more than ${Math.round(limit / (1024 * 1024))} MB (from ${Math.ceil(bytes.byteLength / 1024)} kB; ` +
            `the limit is ${MAX_BUNDLE_EXPANSION}× its size, at least ${MIN_BUNDLE_DECOMPRESSED_BYTES / (1024 * 1024)} MB, at most ${MAX_BUNDLE_DECOMPRESSED_BYTES / (1024 * 1024)} MB): ` +
            'not a bundle Kaizen wrote (a zip bomb?). Nothing was imported.',
          'format',
          file.name,
        );
      }
      if (chunk.byteLength) parts.push(chunk);
      if (final) files[file.name] = concat(parts);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.byteLength; at += SLICE) unzip.push(bytes.subarray(at, Math.min(bytes.byteLength, at + SLICE)), at + SLICE >= bytes.byteLength);
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`This file is not a Kaizen bundle (not a readable zip: ${(err as Error).message}).`, 'format');
  }
  return files;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
