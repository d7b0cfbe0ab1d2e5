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
    this.lines += text.match(/\r\n|\r|\n/g)?.length ?? 0;
    this.push(text);
  }
}

function decoderFor(encoding: Encoding): ChunkDecoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}
