import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the requests it passes on; changed at any time with `set`. */
export interface ProxyFaults {
  /** Answer every n-th request 503 SlowDown instead of forwarding it (0: never). */
  readonly fail503Every?: number;
  /** Hold each request this long before forwarding it. */
  readonly delayMs?: number;
  /** Hold a matching request open, unanswered, until `releaseStalled` (emits 'stalled' with its method and path). */
  readonly stall?: (method: string, path: string) => boolean;
}

export interface ProxyCounts {
  readonly requests: number;
  readonly failed503: number;
  readonly delayed: number;
  readonly stalled: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Bounds: a runaway client cannot make the proxy hold more than this many requests or wait longer than this. */
const MAX_OPEN_REQUESTS = 256;
const MAX_DELAY_MS = 30_000;

/**
 * A small HTTP proxy on loopback in front of a loopback S3 endpoint (s3rver):
 * the object store as a bad day shows it, with 503s, slow answers and
 * uploads that never finish. Bodies are streamed, never buffered, and both
 * ends must be loopback addresses.
 */
export class FaultProxy extends EventEmitter {
  private faults: ProxyFaults = {};
  private counts = { requests: 0, failed503: 0, delayed: 0, stalled: 0 };
  private readonly stalled = new Set<() => void>();
  private open = 0;

  private constructor(private readonly server: http.Server, private readonly target: URL) {
    super();
  }

  /** Listens on 127.0.0.1 (a free port) and forwards to `targetUrl`, which must be http on loopback. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) throw new Error(`fault proxy forwards to http on loopback only, got ${targetUrl}`);
    const server = http.createServer();
    const proxy = new FaultProxy(server, target);
    server.on('request', (req, res) => void proxy.handle(req, res));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  set(faults: ProxyFaults): void {
    this.faults = faults;
  }

  stats(): ProxyCounts {
    return { ...this.counts };
  }

  /** Lets every stalled request go on to the target. */
  releaseStalled(): void {
    for (const release of [...this.stalled]) release();
  }

  async stop(): Promise<void> {
    this.releaseStalled();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const n = ++this.counts.requests;
    if (this.open >= MAX_OPEN_REQUESTS) return void answer503(res, 'fault proxy: too many open requests');
    this.open++;
    res.once('close', () => this.open--);
    const { fail503Every = 0, delayMs = 0, stall } = this.faults;
    if (fail503Every > 0 && n % fail503Every === 0) {
      this.counts.failed503++;
      req.resume();
      return void answer503(res, 'Please reduce your request rate.');
    }
    if (delayMs > 0) {
      this.counts.delayed++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, MAX_DELAY_MS)));
    }
    if (stall?.(req.method ?? '', req.url ?? '')) {
      this.counts.stalled++;
      await new Promise<void>((resolve) => {
        const release = () => { this.stalled.delete(release); resolve(); };
        this.stalled.add(release);
        res.once('close', release);
        this.emit('stalled', req.method, req.url);
      });
      if (res.destroyed || res.writableEnded) return;
    }
    this.forward(req, res);
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const upstream = http.request(
      { host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.target.host } },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // The client went away (killed mid-upload): the upload must end unfinished upstream too.
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    req.pipe(upstream);
  }
}

function answer503(res: http.ServerResponse, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>${message}</Message></Error>`;
  res.writeHead(503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
