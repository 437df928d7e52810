import fs from 'node:fs';
import iconv from 'iconv-lite';

/** Encodings a trader's file may come in: UTF-8 (with or without BOM), GBK/GB18030 (Chinese Windows), UTF-16. */
export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

export interface SniffResult {
  readonly encoding: TextEncoding;
  /** Whether the bytes look like a binary file (NUL bytes outside UTF-16): not a text export at all. */
  readonly binary: boolean;
  readonly size: number;
}

const SNIFF_BYTES = 256 * 1024;

/** Longest prefix of `bytes` that ends on a UTF-8 character boundary. */
function utf8Boundary(bytes: Uint8Array): number {
  const end = bytes.length;
  // Step back over an incomplete trailing sequence (at most 3 continuation bytes and its lead byte).
  for (let k = 1; k <= 4 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? end - k : end;
  }
  return end;
}

/**
 * Guesses a file's encoding from its first bytes: a BOM decides; otherwise text that is valid UTF-8 is UTF-8, and
 * anything else is taken as GB18030 (the superset of GBK and GB2312 that Chinese Windows software writes).
 */
export function sniffBytes(bytes: Uint8Array, size: number): SniffResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', binary: false, size };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', binary: false, size };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', binary: false, size };
  let nul = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) nul++;
  if (nul > 0) return { encoding: 'utf8', binary: true, size };
  const sample = size > bytes.length ? bytes.subarray(0, utf8Boundary(bytes)) : bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return { encoding: 'utf8', binary: false, size };
  } catch {
    return { encoding: 'gb18030', binary: false, size };
  }
}

export function sniffFile(file: string): SniffResult {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return sniffBytes(buf.subarray(0, n), size);
  } finally {
    fs.closeSync(fd);
  }
}

export interface LineBatch {
  /** The lines of this batch, without line endings. */
  readonly lines: string[];
  /** 1-based number of the first line in the file. */
  readonly firstLine: number;
  readonly bytesRead: number;
}

/**
 * Reads a text file as batches of lines, decoding as it goes: memory stays at one read buffer whatever the file's
 * size. A BOM is dropped; CRLF and LF endings are both accepted.
 */
export async function* readLines(file: string, encoding: TextEncoding, options: { signal?: AbortSignal; chunkBytes?: number } = {}): AsyncGenerator<LineBatch> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const stream = fs.createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  let rest = '';
  let lineNo = 1;
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      bytesRead += chunk.length;
      const text = rest + decoder.write(chunk);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
      }
      yield { lines, firstLine: lineNo, bytesRead };
      lineNo += lines.length;
    }
    const tail = rest + (decoder.end() ?? '');
    if (tail.length > 0) yield { lines: [tail.endsWith('\r') ? tail.slice(0, -1) : tail], firstLine: lineNo, bytesRead };
  } finally {
    stream.destroy();
  }
}

/** The first `maxLines` lines (at most `maxBytes` read), for previews and detection. */
export function headLines(file: string, encoding: TextEncoding, maxLines: number, maxBytes = 4 << 20): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(maxBytes, size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = iconv.decode(buf.subarray(0, n), encoding, { stripBOM: true });
    const lines = text.split('\n');
    // A cut-off last line is not a line.
    if (n < size) lines.pop();
    return lines.slice(0, maxLines).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  } finally {
    fs.closeSync(fd);
  }
}
