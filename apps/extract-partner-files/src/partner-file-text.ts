import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataContractError } from '@northstar/core';
import type { PartnerFormat } from '@northstar/contracts';
import * as iconv from 'iconv-lite';

type Encoding = PartnerFormat['encoding'];

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

const boms: readonly { bytes: readonly number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * A partner file's bytes as text: gunzipped when the key ends in .gz, then
 * decoded in the encoding its byte-order mark names (the mark removed), else
 * the partner's configured one. UTF-8 is decoded strictly: a cp1252 file sent
 * as UTF-8 is refused naming the line, instead of loading U+FFFD in its place.
 */
export function partnerFileText(bytes: Readable, key: string, encoding: Encoding): Readable {
  const decoding = new TextDecoding(key, encoding);
  if (!key.toLowerCase().endsWith('.gz')) return pipeInto(bytes, decoding);
  const gunzip = createGunzip();
  gunzip.on('error', (error) => decoding.destroy(new DataContractError(`${key}: not a readable gzip file (${error.message})`, { cause: error })));
  return pipeInto(pipeInto(bytes, gunzip), decoding);
}

/** pipe() does not pass errors on; a failed GetObject body must fail the reader. */
function pipeInto<T extends NodeJS.WritableStream & Readable>(from: Readable, to: T): T {
  from.on('error', (error) => to.destroy(error));
  from.pipe(to);
  return to;
}

class TextDecoding extends Transform {
  private decoder: ChunkDecoder | undefined;
  private head = Buffer.alloc(0);
  /** Line breaks decoded so far, to name the line of an undecodable byte. */
  private lines = 0;

  constructor(private readonly key: string, private readonly configured: Encoding) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      if (!this.decoder) {
        this.head = Buffer.concat([this.head, chunk]);
        if (this.head.length < 3) return done();
        chunk = this.start(this.head);
      }
      this.emitText(this.decode(chunk));
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.decoder) this.emitText(this.decode(this.start(this.head)));
      this.emitText(this.decoder?.end() ?? '');
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private start(head: Buffer): Buffer {
    const bom = boms.find((b) => b.bytes.every((byte, i) => head[i] === byte));
    this.decoder = decoderFor(bom?.encoding ?? this.configured);
    return bom ? head.subarray(bom.bytes.length) : head;
  }

  private decode(bytes: Buffer): string {
    try {
      return this.decoder?.write(bytes) ?? '';
    } catch {
      const lossy = iconv.decode(bytes, 'utf-8');
      const before = lossy.slice(0, lossy.indexOf('\uFFFD'));
      const line = this.lines + 1 + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
      throw new DataContractError(
        `${this.key} line ${line}: bytes that are not UTF-8, the encoding configured for this partner (a file saved as cp1252 or latin1 needs encoding windows-1252 or latin1 in its partner format)`,
      );
    }
  }

  private emitText(text: string): void {
    if (text.length === 0) return;
    this.lines += lineBreaksIn(text);
    this.push(text);
  }
}

function decoderFor(encoding: Encoding): ChunkDecoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  if (encoding === 'latin1' || encoding === 'windows-1252') {
    // Single-byte: Buffer's native latin1 decoding is exact for latin1, and for cp1252 differs only in 0x80-0x9F
    // (iconv-lite's decoder took 445 ms per 100 MB, Buffer's 12 ms: docs/performance.md D21); those few characters are mapped after.
    const c1 = encoding === 'windows-1252' ? cp1252Controls : undefined;
    return { write: (bytes) => (c1 ? fromC1(bytes.toString('latin1'), c1) : bytes.toString('latin1')), end: () => '' };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

const C1 = /[\x80-\x9f]/g;
const HAS_C1 = /[\x80-\x9f]/;
/** cp1252's characters for the bytes 0x80-0x9F, as iconv-lite decodes them (U+FFFD where cp1252 has none). */
const cp1252Controls: readonly string[] = [...iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252')];
const fromC1 = (text: string, table: readonly string[]) => (HAS_C1.test(text) ? text.replace(C1, (c) => table[c.charCodeAt(0) - 0x80]) : text);

/** Line breaks in a decoded chunk (CRLF, CR and LF once each), counted with indexOf: a regex's match array per chunk cost more. */
function lineBreaksIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) count++;
  return count;
}
