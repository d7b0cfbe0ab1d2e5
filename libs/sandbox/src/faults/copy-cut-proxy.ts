import { EventEmitter } from 'node:events';
import * as net from 'node:net';

export interface CopyCutOptions {
  /** Hold the reply once this many bytes of its rows (CopyData payloads) have reached the client. */
  readonly afterBytes: number;
  /** Which COPY to hold, by its statement's text (default: any). */
  readonly copyOf?: (query: string) => boolean;
}

/** The moment a session's COPY reply is held: which backend, its statement, and how far its rows had reached the client. */
export interface HeldCopy {
  /** The server's process id for the session (from its BackendKeyData message). */
  readonly backendPid: number;
  readonly query: string;
  readonly copyBytes: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * A TCP proxy on loopback in front of a loopback PostgreSQL server that holds
 * back the first matching COPY reply once `afterBytes` of its rows have
 * reached the client, and stops reading from the server there. When the
 * rest of the reply is more than the socket buffers between them take (a few
 * MB on Linux loopback), the server blocks mid-COPY, still streaming: the
 * moment a scenario restarts it. `release` lets the rest through. Only one
 * COPY is ever held; everything else passes untouched. The client must not
 * ask for TLS (messages are read as plain protocol).
 */
export class CopyCutProxy extends EventEmitter {
  private held = false;
  private readonly releases = new Set<() => void>();
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server, private readonly target: { host: string; port: number }, private readonly options: CopyCutOptions) {
    super();
  }

  /** Listens on 127.0.0.1 (a free port) in front of the server of `targetUrl` (a postgres:// URL on loopback). */
  static async start(targetUrl: string, options: CopyCutOptions): Promise<CopyCutProxy> {
    const url = new URL(targetUrl);
    if (!LOOPBACK.has(url.hostname)) throw new Error(`the COPY cut proxy forwards to loopback only, got ${url.hostname}`);
    const server = net.createServer();
    const proxy = new CopyCutProxy(server, { host: url.hostname, port: Number(url.port || 5432) }, options);
    server.on('connection', (client) => proxy.pipe(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((this.server.address() as net.AddressInfo).port);
    return proxied.toString();
  }

  /** Resolves when a COPY reply is held (emitted as 'held' too). */
  whenHeld(): Promise<HeldCopy> {
    return new Promise((resolve) => this.once('held', resolve));
  }

  /** Lets the held reply, and whatever the server sent after it, through. */
  release(): void {
    for (const release of [...this.releases]) release();
    this.releases.clear();
  }

  async stop(): Promise<void> {
    this.release();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.end());
    const session = { backendPid: 0, query: '', copyBytes: 0, matches: false };
    const fromClient = new MessageFramer(true);
    client.on('data', (chunk: Buffer) => {
      fromClient.push(chunk, (type, body) => {
        const query = statementText(type, body);
        if (query !== undefined) session.query = query;
        return false;
      });
      upstream.write(chunk);
    });
    const fromServer = new MessageFramer(false);
    upstream.on('data', (chunk: Buffer) => {
      const cut = this.held ? undefined : fromServer.push(chunk, (type, body) => this.shouldCut(session, type, body));
      if (cut === undefined) {
        client.write(chunk);
        return;
      }
      this.held = true;
      client.write(chunk.subarray(0, cut));
      const rest = chunk.subarray(cut);
      upstream.pause();
      this.releases.add(() => {
        client.write(rest);
        upstream.resume();
      });
      this.emit('held', { backendPid: session.backendPid, query: session.query, copyBytes: session.copyBytes } satisfies HeldCopy);
    });
  }

  /** Follows one server message; true when the reply is to be held after it. */
  private shouldCut(session: { backendPid: number; query: string; copyBytes: number; matches: boolean }, type: string, body: Buffer): boolean {
    if (type === 'K') session.backendPid = body.readInt32BE(0);
    if (type === 'H') {
      session.copyBytes = 0;
      session.matches = this.options.copyOf?.(session.query) ?? true;
    }
    if (type !== 'd') return false;
    session.copyBytes += body.length;
    return session.matches && session.copyBytes >= this.options.afterBytes;
  }
}

/** A simple query's text ('Q') or a parsed statement's ('P': name, then text), as NUL-terminated strings. */
function statementText(type: string, body: Buffer): string | undefined {
  const strings = body.toString('utf8').split('\0');
  if (type === 'Q') return strings[0];
  if (type === 'P') return strings[1];
  return undefined;
}

/**
 * Splits one direction of a session into protocol messages (a type byte and
 * a length); the client's first message, the startup packet, has no type.
 * `push` calls `onMessage` for each whole message and returns the offset in
 * the chunk just after the first one it answered true for.
 */
class MessageFramer {
  private pending = Buffer.alloc(0);

  constructor(private untypedFirst: boolean) {}

  push(chunk: Buffer, onMessage: (type: string, body: Buffer) => boolean): number | undefined {
    const carried = this.pending.length;
    const data = carried ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      const typeBytes = this.untypedFirst ? 0 : 1;
      if (data.length - at < typeBytes + 4) break;
      const length = data.readInt32BE(at + typeBytes);
      const end = at + typeBytes + length;
      if (data.length < end) break;
      const type = typeBytes ? String.fromCharCode(data[at]) : '';
      const stop = onMessage(type, data.subarray(at + typeBytes + 4, end));
      this.untypedFirst = false;
      at = end;
      if (stop) {
        this.pending = Buffer.alloc(0);
        return at - carried;
      }
    }
    this.pending = Buffer.from(data.subarray(at));
    return undefined;
  }
}
