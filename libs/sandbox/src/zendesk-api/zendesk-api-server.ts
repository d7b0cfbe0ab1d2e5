import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ticketEventsOf } from '../zendesk-ticket-events';
import type { ZendeskObjects, ZendeskTicket, ZendeskTicketMetric, ZendeskUser } from '../zendesk-objects';
import { decodeCursor, encodeCursor, ExportOrder, positionBefore, unixSeconds, type ExportPosition } from './export-paging';
import { applyDataFault, type ZendeskDataFault, type ZendeskState } from './zendesk-data-faults';

/** Faults of the wire: each applies to the next request(s) that reach an export. */
export type ZendeskWireFault = 'repeated-page' | 'ticket-updated-between-pages' | 'rate-limit-storm' | 'service-unavailable';
export type ZendeskFault = ZendeskWireFault | ZendeskDataFault;

export interface ZendeskApiOptions {
  readonly objects: ZendeskObjects;
  /** The sandbox's clock: the export leaves out its last minute. */
  readonly now: () => Date;
  readonly email: string;
  readonly token: string;
  /** The export budget per rolling minute (Zendesk: 10, 30 with High Volume). */
  readonly requestsPerMinute?: number;
  /** Wall clock of the rate limiter (milliseconds); injected by specs. */
  readonly wallClock?: () => number;
  readonly port?: number;
}

export interface ServedRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** The rate limiter's wall clock when it was answered (milliseconds). */
  readonly at: number;
}

const MAX_PAGE = 1000;
const STORM_REQUESTS = 3;
const OUTAGE_REQUESTS = 2;

/**
 * Zendesk's export API on loopback: the cursor exports of tickets (with
 * `include=metric_sets`) and users, the time-based ticket events export, and
 * satisfaction ratings with cursor pagination; basic auth with an API token,
 * rate-limit headers, 429 with Retry-After over budget, 400 for a start_time
 * under a minute old; faults on demand.
 */
export class ZendeskApiServer {
  readonly requests: ServedRequest[] = [];
  private state: ZendeskState;
  private readonly sent: number[] = [];
  private readonly pending = new Map<ZendeskWireFault, number>();
  private readonly lastPage = new Map<string, unknown>();
  /** What a page is cut from, built once per state of the account (see cached). */
  private readonly derived = new Map<string, { readonly version: number; readonly value: unknown }>();
  private version = 0;

  private constructor(private readonly server: Server, readonly url: string, private readonly options: ZendeskApiOptions) {
    this.state = { objects: options.objects, extraUsers: [], extraTickets: [], ticketPatches: new Map() };
  }

  static async start(options: ZendeskApiOptions): Promise<ZendeskApiServer> {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const api = new ZendeskApiServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options);
    handler = (req, res) => api.handle(req, res);
    return api;
  }

  /** Replaces the account's objects (the sandbox moved on); faults already applied stay. */
  setObjects(objects: ZendeskObjects): void {
    this.state = { ...this.state, objects };
    this.version++;
  }

  injectFault(fault: ZendeskFault): void {
    if (fault === 'rate-limit-storm') this.pending.set(fault, STORM_REQUESTS);
    else if (fault === 'service-unavailable') this.pending.set(fault, OUTAGE_REQUESTS);
    else if (fault === 'repeated-page' || fault === 'ticket-updated-between-pages') this.pending.set(fault, 1);
    else {
      this.state = applyDataFault(this.state, fault, this.untilSeconds() - 1);
      this.version++;
    }
  }

  /** The tickets and users as the export would show them now, faults applied. */
  current(): { tickets: ZendeskTicket[]; users: ZendeskUser[] } {
    const tickets = [...this.state.objects.tickets, ...this.state.extraTickets].map((t) => ({ ...t, ...this.state.ticketPatches.get(t.id) }));
    return { tickets, users: [...this.state.objects.users, ...this.state.extraUsers] };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ path: url.pathname, query, status, at: (this.options.wallClock ?? Date.now)() });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...this.rateHeaders(), ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== this.expectedAuth()) return reply(401, { error: "Couldn't authenticate you" });
    const wait = this.overBudget();
    if (wait !== undefined) return reply(429, { error: 'APIRateLimitExceeded' }, { 'retry-after': String(wait) });
    if (this.take('rate-limit-storm')) return reply(429, { error: 'APIRateLimitExceeded' }, { 'retry-after': '1' });
    if (this.take('service-unavailable')) return reply(503, { error: 'ServiceUnavailable' }, { 'retry-after': '1' });
    try {
      const body = this.route(url.pathname, query);
      if (body === undefined) return reply(404, { error: 'InvalidEndpoint' });
      reply(200, body);
    } catch (error) {
      if (error instanceof BadRequest) return reply(400, { error: 'InvalidValue', description: error.message });
      reply(500, { error: String(error) });
    }
  }

  private route(path: string, query: Record<string, string>): unknown {
    const pageSize = Math.min(MAX_PAGE, Number(query['per_page'] ?? query['page[size]'] ?? MAX_PAGE) || MAX_PAGE);
    if (path === '/api/v2/incremental/tickets/cursor.json') return this.ticketsPage(path, query, pageSize);
    if (path === '/api/v2/incremental/users/cursor.json') {
      const users = this.cached('users', () => new ExportOrder(this.currentOnce().users, (u) => ({ seconds: unixSeconds(u.updated_at), id: u.id })));
      return this.cursorPage(path, query, pageSize, 'users', users);
    }
    if (path === '/api/v2/incremental/ticket_events.json') return this.ticketEventsPage(query, pageSize);
    if (path === '/api/v2/satisfaction_ratings.json') return this.ratingsPage(path, query, pageSize);
    return undefined;
  }

  private ticketsPage(path: string, query: Record<string, string>, pageSize: number): unknown {
    const tickets = this.cached('tickets', () => new ExportOrder(this.currentOnce().tickets, (t) => ({ seconds: t.generated_timestamp, id: t.id })));
    const body = this.cursorPage(path, query, pageSize, 'tickets', tickets);
    const served = body['tickets'] as ZendeskTicket[];
    if (this.take('ticket-updated-between-pages') && served.length > 0) {
      const changed = served[0];
      const seconds = this.untilSeconds() - 1;
      this.state.ticketPatches.set(changed.id, { status: 'open', priority: 'urgent', updated_at: new Date(seconds * 1000).toISOString().replace('.000', ''), generated_timestamp: seconds });
      this.version++;
    }
    if (query['include'] !== 'metric_sets') return body;
    const metricsOf = this.cached('metrics', () => {
      const byTicket = new Map<number, ZendeskTicketMetric[]>();
      for (const m of this.state.objects.ticketMetrics) {
        const list = byTicket.get(m.ticket_id);
        if (list) list.push(m);
        else byTicket.set(m.ticket_id, [m]);
      }
      return byTicket;
    });
    return { ...body, metric_sets: served.flatMap((t) => metricsOf.get(t.id) ?? []) };
  }

  /**
   * `build`'s value for the account as it is: rebuilt only after the objects
   * or a fault changed it, so an export of N records sorts them once, not
   * once per page (which made a 500k-ticket export quadratic).
   */
  private cached<V>(key: string, build: () => V): V {
    const hit = this.derived.get(key);
    if (hit && hit.version === this.version) return hit.value as V;
    const value = build();
    this.derived.set(key, { version: this.version, value });
    return value;
  }

  private currentOnce(): { tickets: ZendeskTicket[]; users: ZendeskUser[] } {
    return this.cached('current', () => this.current());
  }

  private cursorPage<T>(path: string, query: Record<string, string>, pageSize: number, key: string, records: ExportOrder<T>): Record<string, unknown> {
    const from = this.cursorFrom(query);
    if (from.cursor !== undefined && this.take('repeated-page') && this.lastPage.has(path)) return this.lastPage.get(path) as Record<string, unknown>;
    const page = records.page(from.position, this.untilSeconds(), pageSize);
    const cursor = encodeCursor(page.after);
    const body = {
      [key]: page.records,
      after_cursor: cursor,
      after_url: `${this.url}${path}?cursor=${cursor}`,
      before_cursor: from.cursor ?? null,
      before_url: from.cursor ? `${this.url}${path}?cursor=${from.cursor}` : null,
      end_of_stream: page.endOfStream,
    };
    this.lastPage.set(path, body);
    return body;
  }

  private cursorFrom(query: Record<string, string>): { position: ExportPosition; cursor?: string } {
    const cursor = query['cursor'];
    if (cursor !== undefined) {
      const position = decodeCursor(cursor);
      if (!position) throw new BadRequest('cursor is not a cursor this export handed out');
      return { position, cursor };
    }
    return { position: positionBefore(this.startTime(query)) };
  }

  private startTime(query: Record<string, string>): number {
    const raw = query['start_time'];
    if (raw === undefined || !/^\d+$/.test(raw)) throw new BadRequest('start_time is required, as Unix seconds');
    const startTime = Number(raw);
    if (startTime > this.untilSeconds()) throw new BadRequest('Too recent start_time. Use a start_time older than 1 minute');
    return startTime;
  }

  private ticketEventsPage(query: Record<string, string>, pageSize: number): unknown {
    const startTime = this.startTime(query);
    const withComments = query['include'] === 'comment_events';
    const events = this.cached(`ticket_events:${withComments}`, () => new ExportOrder(
      ticketEventsOf({ ...this.state.objects, tickets: this.currentOnce().tickets })
        .map((e) => (withComments ? e : { ...e, child_events: e.child_events.filter((c) => c.event_type !== 'Comment') })),
      (e) => ({ seconds: e.timestamp, id: e.id }),
    ));
    const page = events.page({ seconds: startTime - 1, id: Number.MAX_SAFE_INTEGER }, this.untilSeconds(), pageSize);
    const endTime = page.records.length > 0 ? page.after.seconds : startTime;
    return {
      ticket_events: page.records,
      next_page: `${this.url}/api/v2/incremental/ticket_events.json?start_time=${endTime}`,
      count: page.records.length,
      end_time: endTime,
      end_of_stream: page.endOfStream,
    };
  }

  private ratingsPage(path: string, query: Record<string, string>, pageSize: number): unknown {
    const after = query['page[after]'];
    const from = after !== undefined ? decodeCursor(after) : { seconds: this.startTime(query) - 1, id: Number.MAX_SAFE_INTEGER };
    if (!from) throw new BadRequest('page[after] is not a cursor this endpoint handed out');
    const ratings = this.cached('ratings', () => new ExportOrder(this.state.objects.satisfactionRatings, (r) => ({ seconds: unixSeconds(r.updated_at), id: r.id })));
    const page = ratings.page(from, this.untilSeconds(), pageSize);
    const cursor = encodeCursor(page.after);
    return {
      satisfaction_ratings: page.records,
      meta: { has_more: !page.endOfStream, after_cursor: cursor, before_cursor: after ?? null },
      links: { next: page.endOfStream ? null : `${this.url}${path}?page[size]=${pageSize}&page[after]=${cursor}`, prev: null },
    };
  }

  /** Exports show changes up to a minute before now. */
  private untilSeconds(): number {
    return Math.floor(this.options.now().getTime() / 1000) - 60;
  }

  private budget(): number {
    return this.options.requestsPerMinute ?? 10;
  }

  /** Seconds to wait when this request would exceed the rolling minute's budget; else counts it. */
  private overBudget(): number | undefined {
    const now = (this.options.wallClock ?? Date.now)();
    while (this.sent.length > 0 && this.sent[0] <= now - 60_000) this.sent.shift();
    if (this.sent.length >= this.budget()) return Math.max(1, Math.ceil((this.sent[0] + 60_000 - now) / 1000));
    this.sent.push(now);
    return undefined;
  }

  private rateHeaders(): Record<string, string> {
    const remaining = String(Math.max(0, this.budget() - this.sent.length));
    return {
      'x-rate-limit': String(this.budget()),
      'x-rate-limit-remaining': remaining,
      'zendesk-ratelimit-incremental-exports': `total=${this.budget()}; remaining=${remaining}; resets=60`,
    };
  }

  private take(fault: ZendeskWireFault): boolean {
    const left = this.pending.get(fault) ?? 0;
    if (left <= 0) return false;
    this.pending.set(fault, left - 1);
    return true;
  }

  private expectedAuth(): string {
    return `Basic ${Buffer.from(`${this.options.email}/token:${this.options.token}`).toString('base64')}`;
  }
}

class BadRequest extends Error {}
