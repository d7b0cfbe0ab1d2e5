import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { Connection } from 'pg';
import { CopyOutDecoder, type CopyOutEnd } from './copy-out-decoder';

/** What `pg` hands a submittable query, as far as a COPY reply needs it. */
interface PgConnection {
  readonly stream: Socket;
  query(text: string): void;
}

/**
 * `client.query(new CopyOutStream(sql))`: the bytes of a COPY ... TO STDOUT,
 * as a Readable, for `pg`'s Client.
 *
 * While the COPY runs, the stream takes the socket over from `pg` (as
 * pg-copy-streams does) and reads it under backpressure; CopyDone, an
 * ErrorResponse or anything else hands the rest of the reply back to `pg`.
 * The stream ends only at CommandComplete, and only if the server's
 * `COPY n` equals the rows received: a framing fault fails the run instead
 * of losing or merging rows.
 */
export class CopyOutStream extends Readable {
  private connection: PgConnection | undefined;
  private pgDataListener: ((chunk: Buffer) => void) | undefined;
  private readonly decoder = new CopyOutDecoder();
  private wanted = false;
  private reading = false;
  private readonly onReadable = () => this.pump();

  /** `highWaterMark`: bytes of rows held for a slow reader before the socket is left unread. */
  constructor(private readonly text: string, options: { highWaterMark?: number } = {}) {
    super({ highWaterMark: options.highWaterMark ?? 1 << 20 });
  }

  /** Rows received so far (one CopyData message each). */
  get rows(): number {
    return this.decoder.rows;
  }

  /** Called by `pg` when the query's turn comes. */
  submit(connection: Connection): void {
    const pgConnection = connection as unknown as PgConnection;
    const listeners = pgConnection.stream.listeners('data') as ((chunk: Buffer) => void)[];
    if (listeners.length !== 1) throw new Error(`COPY needs the connection's one data listener; it has ${listeners.length}`);
    this.connection = pgConnection;
    this.pgDataListener = listeners[0];
    pgConnection.stream.removeListener('data', this.pgDataListener);
    pgConnection.stream.pause();
    pgConnection.stream.on('readable', this.onReadable);
    pgConnection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.pump();
  }

  private pump(): void {
    const connection = this.connection;
    if (this.reading || !this.wanted || !connection) return;
    this.reading = true;
    try {
      let chunk: Buffer | null;
      while (this.wanted && this.connection && (chunk = connection.stream.read() as Buffer | null) !== null) this.decodeChunk(chunk);
    } finally {
      this.reading = false;
    }
  }

  private decodeChunk(chunk: Buffer): void {
    let decoded;
    try {
      decoded = this.decoder.decode(chunk);
    } catch (error) {
      this.destroy(error as Error);
      return;
    }
    if (decoded.data.length > 0) this.wanted = this.push(decoded.data);
    if (!decoded.end) return;
    if (decoded.end.kind === 'unexpected') this.dropConnection(decoded.end.messageType);
    else this.giveBack(decoded.end);
  }

  /**
   * Only CopyData, CopyDone or an error may end copy-out mode. After anything
   * else neither this stream nor `pg` knows where the reply stands, so the
   * connection is closed rather than handed back.
   */
  private dropConnection(messageType: string): void {
    const connection = this.connection;
    this.connection = undefined;
    this.destroy(new Error(`the COPY reply broke off with a '${messageType}' message after ${this.rows} rows; the connection is closed`));
    connection?.stream.destroy();
  }

  /** Hands the socket, and the bytes after the copy-out mode, back to `pg`, which answers the rest of the reply. */
  private giveBack(end: CopyOutEnd): void {
    const connection = this.connection;
    const listener = this.pgDataListener;
    if (!connection || !listener) return;
    this.connection = undefined;
    connection.stream.removeListener('readable', this.onReadable);
    connection.stream.on('data', listener);
    if (end.rest.length > 0) listener(end.rest);
    // On the next tick, as pg-copy-streams does: pg's listener may pause the socket while it answers the bytes just handed over.
    process.nextTick(() => connection.stream.resume());
  }

  /** CommandComplete: `COPY n` (from `pg`). */
  handleCommandComplete(message: { text?: string }): void {
    const counted = /^COPY (\d+)$/.exec(message.text ?? '');
    if (counted && Number(counted[1]) !== this.rows) {
      this.destroy(new Error(`the server sent COPY ${counted[1]} but ${this.rows} rows arrived`));
      return;
    }
    this.push(null);
  }

  /** An ErrorResponse, or the connection lost (from `pg`). */
  handleError(error: Error): void {
    this.destroy(error);
  }

  handleReadyForQuery(): void {
    // The stream ended at CommandComplete or failed before: nothing is left to do.
  }
}
