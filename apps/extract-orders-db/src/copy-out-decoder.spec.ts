import { CopyOutDecoder, type DecodedChunk } from './copy-out-decoder';

/** One backend message: type byte, Int32 length (itself included), payload. */
function message(type: string, payload: Buffer | string = ''): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const copyOutResponse = message('H', Buffer.from([0, 0, 2, 0, 0, 0, 0]));
const rows = ['1,"a ""quoted""\nvalue",\n', '2,,""\n', `3,${'x'.repeat(300)}\n`, '4,é\n'];
const afterCopy = Buffer.concat([message('C', 'COPY 4\0'), message('Z', 'T')]);

interface Decoded {
  readonly data: string;
  readonly rows: number;
  readonly end: DecodedChunk['end'];
  /** What goes back to the driver: the end's rest and every later piece. */
  readonly handedBack: Buffer;
}

/** Decodes a reply fed in the given pieces (copied first: the decoder writes into its input), as CopyOutStream feeds it. */
function decodeIn(pieces: Buffer[]): Decoded {
  const decoder = new CopyOutDecoder();
  const data: Buffer[] = [];
  let end: DecodedChunk['end'];
  const handedBack: Buffer[] = [];
  for (const piece of pieces) {
    if (end) {
      handedBack.push(piece);
      continue;
    }
    const decoded = decoder.decode(Buffer.from(piece));
    data.push(Buffer.from(decoded.data));
    end = decoded.end;
    if (end) handedBack.push(end.rest);
  }
  return { data: Buffer.concat(data).toString('utf8'), rows: decoder.rows, end, handedBack: Buffer.concat(handedBack) };
}

describe('CopyOutDecoder', () => {
  const reply = Buffer.concat([copyOutResponse, ...rows.map((row) => message('d', row)), message('c'), afterCopy]);

  it('returns the rows, byte for byte, whatever two pieces the socket cuts the reply into', () => {
    for (let cut = 0; cut <= reply.length; cut++) {
      const decoded = decodeIn([reply.subarray(0, cut), reply.subarray(cut)]);
      expect({ cut, data: decoded.data, rows: decoded.rows }).toEqual({ cut, data: rows.join(''), rows: 4 });
      expect(decoded.end?.kind).toBe('done');
      expect(decoded.handedBack).toEqual(afterCopy);
    }
  });

  it('survives a reply that arrives a byte at a time', () => {
    const pieces = [...reply].map((byte) => Buffer.from([byte]));
    const decoded = decodeIn(pieces);
    expect(decoded.data).toBe(rows.join(''));
    expect(decoded.rows).toBe(4);
    expect(decoded.end?.kind).toBe('done');
    expect(decoded.handedBack).toEqual(afterCopy);
  });

  it('skips notices, parameter changes and notifications between rows', () => {
    const interleaved = Buffer.concat([
      copyOutResponse,
      message('d', rows[0]),
      message('N', 'SNOTICE\0Mslow\0\0'),
      message('d', rows[1]),
      message('S', 'TimeZone\0UTC\0'),
      message('A', Buffer.from([0, 0, 0, 1, 0x63, 0, 0x70, 0])),
      message('d', rows[2]),
      message('c'),
    ]);
    for (let cut = 0; cut <= interleaved.length; cut++) {
      const decoded = decodeIn([interleaved.subarray(0, cut), interleaved.subarray(cut)]);
      expect({ cut, data: decoded.data, rows: decoded.rows }).toEqual({ cut, data: rows.slice(0, 3).join(''), rows: 3 });
    }
  });

  it('stops at an ErrorResponse and leaves it, whole, to the driver', () => {
    const error = message('E', 'SERROR\0C22012\0Mdivision by zero\0\0');
    const afterError = Buffer.concat([error, message('Z', 'E')]);
    const failing = Buffer.concat([copyOutResponse, message('d', rows[0]), afterError]);
    for (let cut = 0; cut <= failing.length; cut++) {
      const decoded = decodeIn([failing.subarray(0, cut), failing.subarray(cut)]);
      expect({ cut, data: decoded.data, end: decoded.end?.kind }).toEqual({ cut, data: rows[0], end: 'error' });
      expect(decoded.end?.kind === 'error' && decoded.end.messageType).toBe('E');
      // Even when the socket cut the error's header, the driver gets it whole.
      expect(decoded.handedBack).toEqual(afterError);
    }
  });

  it('reports a message that may not appear in copy-out mode instead of reading past it', () => {
    const broken = Buffer.concat([copyOutResponse, message('d', rows[0]), message('D', Buffer.from([0, 1, 0, 0, 0, 1, 0x31]))]);
    const decoded = decodeIn([broken]);
    expect(decoded.data).toBe(rows[0]);
    expect(decoded.end).toEqual({ kind: 'unexpected', messageType: 'D', rest: broken.subarray(copyOutResponse.length + message('d', rows[0]).length) });
  });

  it('keeps a row whose payload spans many pieces', () => {
    const long = `5,${'y'.repeat(200_000)}\n`;
    const bytes = Buffer.concat([copyOutResponse, message('d', long), message('d', rows[1]), message('c')]);
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 8192) pieces.push(bytes.subarray(at, at + 8192));
    const decoded = decodeIn(pieces);
    expect(decoded.data).toBe(long + rows[1]);
    expect(decoded.rows).toBe(2);
  });

  it('refuses to decode past the end of the reply', () => {
    const decoder = new CopyOutDecoder();
    decoder.decode(Buffer.concat([copyOutResponse, message('c')]));
    expect(() => decoder.decode(Buffer.from(message('d', rows[0])))).toThrow('COPY reply decoded past its end');
  });
});
