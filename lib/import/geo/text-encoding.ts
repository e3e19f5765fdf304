import type { DetectedEncoding } from './types';

/** A Shapefile .cpg's code page → the decoder name, or null when it names one we do not read. */
export function encodingFromCpg(cpg: string): DetectedEncoding['name'] | null {
  const name = cpg
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (name === 'UTF8' || name === '65001') return 'utf-8';
  if (name === 'GBK' || name === '936' || name === 'CP936' || name === 'ANSI936' || name === 'GB2312') return 'gbk';
  if (name === 'GB18030' || name === '54936') return 'gb18030';
  return null;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (ASCII-only text reads the same either way), else GB18030: GBK files are
 * its subset and Chinese desktop GIS writes one of the two when it writes no .cpg.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding['name'] {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}
