import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, ExitCode, exitCodeFor, silentLogger, type RunParameters } from '@northstar/core';
import { zendeskContracts } from '@northstar/contracts';
import { loadCommittedRuns, type RecordStreamDeps } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { generateHistory, generateZendesk, microsToDate, ticketEventsOf, ZENDESK_ORDER_ID_FIELD, ZendeskApiServer, type ZendeskObjects } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractZendesk } from './extract-zendesk';
import type { BudgetClock } from './request-budget';
import { zendeskStreams } from './streams';
import { ZendeskClient } from './zendesk-client';

const data = generateHistory({ scale: 0.01, seed: 11, start: new Date('2026-11-02T06:00:00Z') });
const sandboxStart = microsToDate(data.shape.startUs);
const objects: ZendeskObjects = generateZendesk({
  seed: data.shape.seed, orders: data.orders, customers: data.customers, window: { start: new Date(0), end: sandboxStart },
});
const login = { email: 'ops@northstar.test', token: 'zd-secret-token' };
const HOUR = 3_600_000;
const PER_PAGE = 40;

describe('extractZendesk over loopback HTTP', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  let server: ZendeskApiServer;
  let sandboxNow: Date;
  /** How far Zendesk's clock is behind this machine's. */
  let zendeskBehindMs: number;
  const wall = { ms: 0, sleeps: [] as number[] };
  const clock: BudgetClock = { now: () => wall.ms, sleep: async (ms) => void (wall.sleeps.push(ms), (wall.ms += ms)) };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-zendesk-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    sandboxNow = sandboxStart;
    zendeskBehindMs = 0;
    Object.assign(wall, { ms: 0, sleeps: [] });
    server = await ZendeskApiServer.start({ objects, now: () => new Date(sandboxNow.getTime() - zendeskBehindMs), ...login, requestsPerMinute: 10, wallClock: () => wall.ms });
  });

  afterEach(async () => {
    await server.close();
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (options: { token?: string; attempts?: number } = {}) =>
    new ZendeskClient({ url: server.url, email: login.email, apiToken: options.token ?? login.token }, { requestsPerMinute: 10, logger: silentLogger(), clock, attempts: options.attempts ?? 6 });
  const deps = (): RecordStreamDeps => ({
    store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock: () => new Date(sandboxNow.getTime() + 5 * 60_000),
    warehouse: db.warehouse,
    config: { initialStart: new Date('2024-01-01T00:00:00Z'), lookbackMs: HOUR, safetyLagMs: 60_000 },
  });
  const runAt = (at: Date, runId = `hourly-${at.toISOString()}`): RunParameters => ({ mode: 'hourly', scheduledAt: at, runId });
  const extract = (run: RunParameters, c = client(), entities?: readonly string[]) =>
    extractZendesk(run, zendeskStreams(c, { backfill: false, perPage: PER_PAGE, orderFieldId: ZENDESK_ORDER_ID_FIELD }).filter((s) => !entities || entities.includes(s.contract.entity)), deps());
  const loadAll = async () => {
    for (const contract of zendeskContracts) await loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: 'load' });
  };
  const query = (sql: string) => db.warehouse.query({ sql, binds: [] });
  const count = async (sql: string) => Number((await query(sql))[0]['n']);
  const cursors = async () => Object.fromEntries((await query('select entity, checkpoint from ops.source_cursors order by entity')).map((r) => [r['entity'], r['checkpoint']]));
  const ticketIds = () => server.current().tickets.map((t) => t.id).sort((a, b) => a - b);
  const childEvents = () => ticketEventsOf({ ...objects, tickets: server.current().tickets }).reduce((n, e) => n + e.child_events.length, 0);

  it('lands every entity, saves each after_cursor at end_of_stream, and the next hour reads on from it', async () => {
    await extract(runAt(sandboxNow));
    await loadAll();
    expect(await count('select count(*) as n from raw.zendesk__tickets')).toBe(objects.tickets.length);
    expect(await count('select count(distinct id) as n from raw.zendesk__tickets')).toBe(objects.tickets.length);
    expect(await count('select count(*) as n from raw.zendesk__users')).toBe(objects.users.length);
    expect(await count('select count(*) as n from raw.zendesk__ticket_metrics')).toBe(objects.ticketMetrics.length);
    expect(await count('select count(*) as n from raw.zendesk__satisfaction_ratings')).toBe(objects.satisfactionRatings.length);
    // Pages of the time-based export meet at a second whose events both carry: ids, not rows, are the measure.
    expect(await count('select count(distinct id) as n from raw.zendesk__ticket_events')).toBe(childEvents());
    expect(await count("select count(*) as n from raw.zendesk__tickets where custom_fields like '[{\"id\":360000123456,%'")).toBe(objects.tickets.length);
    const named = objects.tickets.filter((t) => t.custom_fields.some((f) => f.value !== null)).length;
    expect(await count('select count(order_field_value) as n from raw.zendesk__tickets')).toBe(named);
    const first = await cursors();
    expect(Object.keys(first)).toEqual(['satisfaction_ratings', 'ticket_events', 'ticket_metrics', 'tickets', 'users']);
    const lastTicketPage = server.requests.filter((r) => r.path.endsWith('/tickets/cursor.json') && r.query['include'] === undefined).pop();
    expect(lastTicketPage?.query['cursor']).toBeDefined();

    sandboxNow = new Date(sandboxNow.getTime() + HOUR);
    server.injectFault('deleted-ticket');
    server.injectFault('deleted-user');
    server.injectFault('stranger-requester');
    const before = server.requests.length;
    await extract(runAt(sandboxNow));
    await loadAll();
    const hour = server.requests.slice(before);
    expect(hour.filter((r) => r.path.endsWith('/cursor.json')).every((r) => r.query['cursor'] !== undefined && r.query['start_time'] === undefined)).toBe(true);
    expect(await query("select status, count(*)::int as n from raw.zendesk__tickets where _run_id like 'hourly-%T07%' group by status order by status")).toEqual([
      { status: 'deleted', n: 1 }, { status: 'new', n: 1 },
    ]);
    expect(await query("select active, external_id from raw.zendesk__users where _run_id like 'hourly-%T07%' order by active")).toEqual([
      { active: false, external_id: objects.users[0].external_id }, { active: true, external_id: 'legacy-crm-77' },
    ]);
  });

  it('rides out a repeated page, a ticket updated between pages, a 429 storm and a 503, honouring Retry-After and never over the budget', async () => {
    const shared = client(); // one budget, as in one extractor process
    server.injectFault('repeated-page');
    server.injectFault('ticket-updated-between-pages');
    await extract(runAt(sandboxNow), shared, ['tickets']);
    server.injectFault('rate-limit-storm');
    await extract(runAt(sandboxNow, 'storm'), shared, ['users']);
    server.injectFault('service-unavailable');
    await extract(runAt(sandboxNow, 'outage'), shared, ['satisfaction_ratings']);
    await loadAll();

    expect(await query('select count(distinct id)::int as n from raw.zendesk__tickets')).toEqual([{ n: objects.tickets.length }]);
    const twice = await query('select id, count(*)::int as n from raw.zendesk__tickets group by id having count(*) > 1 order by n desc');
    expect(twice.length).toBeGreaterThanOrEqual(PER_PAGE); // the repeated page
    const changed = server.current().tickets.find((t) => t.priority === 'urgent');
    expect(await query(`select status, priority from raw.zendesk__tickets where id = ${changed?.id} order by updated_at`)).toEqual(
      expect.arrayContaining([{ status: 'open', priority: 'urgent' }]),
    );
    expect(await count('select count(*) as n from raw.zendesk__users')).toBe(objects.users.length);
    expect(await count('select count(*) as n from raw.zendesk__satisfaction_ratings')).toBe(objects.satisfactionRatings.length);
    // Only the storm's 429s: the limiter kept every rolling minute within the budget of 10.
    expect(server.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(server.requests.filter((r) => r.status === 503)).toHaveLength(2);
    expect(wall.sleeps.filter((ms) => ms === 1000)).toHaveLength(5); // each Retry-After: 1
    expect(wall.sleeps.filter((ms) => ms > 1000).length).toBeGreaterThan(0); // the limiter waited for room in the minute
  });

  it('resumes after a crash mid-entity and after a crash between entities: nothing lost, nothing doubled', async () => {
    const run = runAt(sandboxNow);
    const crashing = client({ attempts: 2 });
    const get = crashing.get.bind(crashing);
    let calls = 0;
    jest.spyOn(crashing, 'get').mockImplementation((p, q) => {
      if (++calls === 3) server.injectFault('service-unavailable'); // two 503s on the third page: out of attempts
      return get(p, q);
    });
    const crash = await extract(run, crashing).catch((e: unknown) => e);
    expect(exitCodeFor(crash)).toBe(ExitCode.transient);
    expect((await store.list('zendesk/')).filter((o) => o.key.endsWith('_manifest.json'))).toEqual([]);

    // Crash between entities: tickets committed, users killed before its manifest.
    await extract(run, client(), ['tickets']);
    await loadAll();
    const ticketsCursor = (await cursors())['tickets'];
    const rerun = await extract(run);
    expect(rerun.map((r) => [r.manifest.entity, r.alreadyCommitted])).toEqual([
      ['tickets', true], ['users', false], ['ticket_metrics', false], ['satisfaction_ratings', false], ['ticket_events', false],
    ]);
    await loadAll();
    expect(await query('select count(*)::int as n, count(distinct id)::int as ids from raw.zendesk__tickets')).toEqual([{ n: ticketIds().length, ids: ticketIds().length }]);
    expect(await count('select count(distinct id) as n from raw.zendesk__ticket_events')).toBe(childEvents());
    expect((await cursors())['tickets']).toBe(ticketsCursor);

    // A rerun of the next hour with nothing new lands nothing and keeps every cursor.
    sandboxNow = new Date(sandboxNow.getTime() + HOUR);
    const quiet = await extract(runAt(sandboxNow));
    expect(quiet.map((r) => r.manifest.rowCount)).toEqual([0, 0, 0, expect.any(Number), expect.any(Number)]);
  });

  it('backfills a window from start_time to its end without proposing a checkpoint', async () => {
    const sorted = [...objects.tickets].sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
    const start = new Date(sorted[10].updated_at);
    const end = new Date(sorted[60].updated_at);
    const run: RunParameters = { mode: 'backfill', scheduledAt: sandboxNow, runId: 'backfill-1', window: { start, end } };
    const streams = zendeskStreams(client(), { backfill: true, perPage: PER_PAGE, orderFieldId: ZENDESK_ORDER_ID_FIELD }).filter((s) => s.contract.entity === 'tickets');
    const [result] = await extractZendesk(run, streams, deps());
    const inWindow = objects.tickets.filter((t) => Date.parse(t.updated_at) >= start.getTime() && Date.parse(t.updated_at) < end.getTime());
    expect(result.manifest.rowCount).toBe(inWindow.length);
    expect(result.manifest.proposedCheckpoint).toBeUndefined();
    expect(server.requests.filter((r) => r.path.endsWith('/tickets/cursor.json'))[0].query['start_time']).toBe(String(start.getTime() / 1000));
  });

  it('ends transient (75) without retrying when Zendesk refuses a start_time as too recent (its clock behind ours), and the next run is whole', async () => {
    await extract(runAt(sandboxNow), client(), ['ticket_events']);
    await loadAll();
    const saved = await cursors();
    sandboxNow = new Date(sandboxNow.getTime() + HOUR);
    zendeskBehindMs = 30 * 24 * HOUR;
    const before = server.requests.length;
    const error = await extract(runAt(sandboxNow), client(), ['ticket_events']).catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(ExitCode.transient);
    expect((error as Error).message).toMatch(/HTTP 400, start_time is inside Zendesk's last minute: its clock is behind/);
    expect(server.requests.slice(before).filter((r) => r.path.endsWith('/ticket_events.json'))).toHaveLength(1);
    await loadAll();
    expect(await cursors()).toEqual(saved);
    zendeskBehindMs = 0;
    const [next] = await extract(runAt(sandboxNow), client(), ['ticket_events']);
    expect(next.manifest.rowCount).toBeGreaterThan(0);
  });

  it('stops with exit 2 on a refused login, without the token in the message', async () => {
    const error = await extract(runAt(sandboxNow), client({ token: 'wrong-token' }), ['users']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/HTTP 401, the login was refused; check ZENDESK_EMAIL and ZENDESK_API_TOKEN/);
    expect((error as Error).message).not.toContain('wrong-token');
  });
});
