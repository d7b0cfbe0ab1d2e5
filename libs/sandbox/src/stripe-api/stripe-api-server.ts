import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_RETENTION_SECONDS, StripeAccount, stripeListNames, type StripeListName } from './stripe-account';
import { StripeFaults } from './stripe-faults';
import { listPage, parseListQuery, StripeListParamError } from './stripe-list-page';

export interface StripeApiServerOptions {
  readonly account?: StripeAccount;
  /** Requests per second over which the server answers 429, as Stripe's limiter does; default none. */
  readonly maxRequestsPerSecond?: number;
  /** Stripe's clock (each answer's Date header): events older than 30 days before it are gone. Default: the wall clock. */
  readonly clock?: () => Date;
  /** The one key accepted; default: any `Bearer` key. */
  readonly apiKey?: string;
  /** Default 0: a free loopback port. */
  readonly port?: number;
}

/** What the server saw, for specs and the bench. */
export interface StripeApiStats {
  requests: number;
  rateLimited: number;
  faulted: number;
}

/**
 * Stripe's list API in its wire format on loopback, for the official SDK
 * pointed at it (host 127.0.0.1, protocol http): `GET /v1/<list>` newest
 * first with `data`/`has_more`, `starting_after`/`ending_before`,
 * `created[gte|gt|lt|lte]`, `/v1/events` with `types[]` and `data.object`
 * snapshots; a `Request-Id` on every answer; Stripe's error bodies; 429 above
 * the configured rate; and the faults `faults` queues.
 */
export class StripeApiServer {
  readonly stats: StripeApiStats = { requests: 0, rateLimited: 0, faulted: 0 };
  readonly faults = new StripeFaults();
  private readonly window = { second: 0, count: 0 };
  private requestSeq = 0;

  private constructor(private readonly server: Server, readonly account: StripeAccount, private readonly options: StripeApiServerOptions) {}

  static async start(options: StripeApiServerOptions = {}): Promise<StripeApiServer> {
    const server = createServer();
    const api = new StripeApiServer(server, options.account ?? new StripeAccount(), options);
    server.on('request', (req, res) => api.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return api;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Options for `new Stripe(key, …)` that point the SDK here. */
  get sdkOptions(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): number {
    return Math.floor((this.options.clock?.() ?? new Date()).getTime() / 1000);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.stats.requests++;
    res.setHeader('Request-Id', `req_${(++this.requestSeq).toString(36).padStart(14, '0')}`);
    res.setHeader('Content-Type', 'application/json');
    // Stripe's clock, not this machine's: extractors date listed objects by it.
    res.setHeader('Date', new Date(this.now() * 1000).toUTCString());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = /^Bearer (\S+)/.exec(req.headers.authorization ?? '')?.[1];
    if (key === undefined) return this.error(res, 401, { type: 'invalid_request_error', message: 'You did not provide an API key.' });
    if (this.options.apiKey !== undefined && key !== this.options.apiKey) {
      return this.error(res, 401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` });
    }
    if (this.overRate()) {
      this.stats.rateLimited++;
      return this.error(res, 429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' });
    }
    const list = url.pathname.replace(/^\/v1\//, '') as StripeListName;
    if (req.method !== 'GET' || !stripeListNames.includes(list)) {
      return this.error(res, 404, { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname}).` });
    }
    const fault = this.faults.take(list);
    if (fault?.kind === 'status') {
      this.stats.faulted++;
      if (fault.shouldRetry !== undefined) res.setHeader('Stripe-Should-Retry', String(fault.shouldRetry));
      return this.error(res, fault.status, { type: fault.status === 429 ? 'invalid_request_error' : 'api_error', ...(fault.code ? { code: fault.code } : {}), message: fault.message });
    }
    this.servePage(list, url, res, fault?.kind === 'reset');
    if (fault?.kind === 'reset') this.stats.faulted++;
    this.faults.afterPage(list, this.account);
  }

  private servePage(list: StripeListName, url: URL, res: ServerResponse, resetMidway: boolean): void {
    try {
      if (list === 'events') this.account.expireEventsBefore(this.now() - EVENT_RETENTION_SECONDS);
      const page = listPage(this.account.listing(list), parseListQuery(url.searchParams));
      if ('missing' in page) {
        const param = url.searchParams.has('ending_before') ? 'ending_before' : 'starting_after';
        return this.error(res, 404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${list.replace(/s$/, '')}: '${page.missing}'` });
      }
      const body = JSON.stringify({ object: 'list', url: `/v1/${list}`, has_more: page.hasMore, data: page.data });
      if (resetMidway) {
        // Headers and half the page, then the connection drops: the SDK sees a reset, not a short page.
        res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) });
        res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
        return;
      }
      res.end(body);
    } catch (error) {
      if (!(error instanceof StripeListParamError)) throw error;
      this.error(res, 400, { type: 'invalid_request_error', code: error.code, param: error.param, message: error.message });
    }
  }

  /** A fixed one-second window, as coarse as Stripe's own limiter looks from outside. */
  private overRate(): boolean {
    const max = this.options.maxRequestsPerSecond;
    if (max === undefined) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.window.second) Object.assign(this.window, { second, count: 0 });
    return ++this.window.count > max;
  }

  private error(res: ServerResponse, status: number, error: Record<string, unknown>): void {
    res.statusCode = status;
    res.end(JSON.stringify({ error }));
  }
}
