/** Backend message types a COPY TO STDOUT reply is made of (PostgreSQL protocol 3.0). */
const COPY_OUT_RESPONSE = 0x48; // 'H'
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
/** May arrive between CopyData messages at any time; they carry no rows. */
const ASYNCHRONOUS = new Set([0x4e /* NoticeResponse */, 0x53 /* ParameterStatus */, 0x41 /* NotificationResponse */]);

/** A message header: type byte and Int32 length (which counts itself, not the type). */
const HEADER_BYTES = 5;

/** How the copy-out mode ended, and the bytes after it, which belong to the driver again. */
export type CopyOutEnd =
  | { readonly kind: 'done'; readonly rest: Buffer }
  /** ErrorResponse, or a message that may not appear in copy-out mode: `rest` starts with it. */
  | { readonly kind: 'error' | 'unexpected'; readonly rest: Buffer; readonly messageType: string };

export interface DecodedChunk {
  /** The CopyData payloads of the chunk, in order, with the message headers taken out. */
  readonly data: Buffer;
  readonly end?: CopyOutEnd;
}

/**
 * Takes the framing off a COPY TO STDOUT reply as it arrives from the socket.
 *
 * The payloads are moved together inside the chunk the socket handed over
 * (copyWithin: one native move per row, no allocation), so a chunk of many
 * small rows costs no Buffer per row, which is where a general message parser
 * spends its time at a million rows a second. The chunk must belong to the
 * caller: its bytes are overwritten.
 */
export class CopyOutDecoder {
  /** CopyData messages seen: the server sends exactly one per row. */
  rows = 0;
  /** Payload bytes of the current message still to come in later chunks. */
  private remaining = 0;
  private remainingIsData = false;
  /** The start of a header cut by the end of the last chunk. */
  private partialHeader: Buffer | undefined;
  private ended = false;

  decode(input: Buffer): DecodedChunk {
    if (this.ended) throw new Error('COPY reply decoded past its end');
    const chunk = this.partialHeader ? Buffer.concat([this.partialHeader, input]) : input;
    this.partialHeader = undefined;
    let at = 0;
    let kept = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        if (this.remainingIsData) {
          if (kept !== at) chunk.copyWithin(kept, at, at + take);
          kept += take;
        }
        at += take;
        this.remaining -= take;
        continue;
      }
      if (chunk.length - at < HEADER_BYTES) {
        this.partialHeader = Buffer.from(chunk.subarray(at));
        break;
      }
      const type = chunk[at];
      if (type === COPY_DATA) this.rows++;
      else if (type !== COPY_OUT_RESPONSE && !ASYNCHRONOUS.has(type)) return this.finish(chunk, kept, at, type);
      this.remainingIsData = type === COPY_DATA;
      this.remaining = chunk.readUInt32BE(at + 1) - 4;
      at += HEADER_BYTES;
    }
    return { data: chunk.subarray(0, kept) };
  }

  private finish(chunk: Buffer, kept: number, at: number, type: number): DecodedChunk {
    this.ended = true;
    const data = chunk.subarray(0, kept);
    if (type !== COPY_DONE) {
      const kind = type === ERROR_RESPONSE ? 'error' : 'unexpected';
      return { data, end: { kind, rest: chunk.subarray(at), messageType: String.fromCharCode(type) } };
    }
    // CopyDone carries no payload, but its length field is honoured all the same.
    const after = at + 1 + chunk.readUInt32BE(at + 1);
    if (after > chunk.length) throw new Error(`CopyDone message claims ${after - at} bytes; only ${chunk.length - at} arrived with it`);
    return { data, end: { kind: 'done', rest: chunk.subarray(after) } };
  }
}
