import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { describeRealData } from '@northstar/core/testing';
import { zendeskContracts } from '@northstar/contracts';
import { loadCommittedRuns } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractZendesk } from './extract-zendesk';
import { zendeskStreams } from './streams';
import { ZendeskClient } from './zendesk-client';

describeRealData('real Zendesk export pages through the extractor', (realData) => {
  const dir = path.join(realData, 'zendesk/embulk_input_zendesk');
  const page = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown[]> & Record<string, unknown>;
  // A second cursor page made of the time-based pages: duplicates within and across pages, a ticket re-sent by a system update.
  const timeBased = ['tickets.json', 'ticket_share_same_time_with_next_page.json', 'ticket_with_updated_by_system_records.json'].flatMap((f) => page(f)['tickets']);
  const metrics = page('ticket_metrics.json');
  const pages: Record<string, (q: URLSearchParams) => unknown> = {
    '/api/v2/incremental/tickets/cursor.json': (q) => {
      if (q.get('include') === 'metric_sets') return { ...metrics, after_cursor: 'm1', end_of_stream: true };
      return q.get('cursor') === 'xxxx' ? { tickets: timeBased, after_cursor: 'yyyy', end_of_stream: true } : page('cursor_based_tickets_incremental.json');
    },
    '/api/v2/incremental/users/cursor.json': () => ({ ...page('simple_user.json'), after_cursor: 'u1', end_of_stream: true }),
    '/api/v2/incremental/ticket_events.json': () => page('ticket_events_updated_by_system_records.json'),
    '/api/v2/satisfaction_ratings.json': () => ({ satisfaction_ratings: [], meta: { has_more: false } }),
  };

  let server: Server;
  let url: string;
  let work: string;
  let db: TempDuckDb;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pages[u.pathname](u.searchParams)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    work = mkdtempSync(path.join(tmpdir(), 'zendesk-real-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    const store = new LocalObjectStore(path.join(work, 'raw'));
    const parquet = await ParquetWriter.open({ tempDir: work, threads: 1 });
    const client = new ZendeskClient({ url, email: 'a@b.c', apiToken: 't' }, { requestsPerMinute: 100, logger: silentLogger() });
    const deps = {
      store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: work, logger: silentLogger(), clock: () => new Date('2026-11-02T07:00:00Z'), warehouse: db.warehouse,
      config: { initialStart: new Date('2015-01-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 60_000 },
    };
    const results = await extractZendesk({ mode: 'hourly', scheduledAt: new Date('2026-11-02T07:00:00Z'), runId: 'real' }, zendeskStreams(client, { backfill: false }), deps);
    await parquet.close();
    for (const contract of zendeskContracts) await loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: 'load' });
    drift = Object.fromEntries(results.map((r) => [r.manifest.entity, r.manifest.drift?.added.length ?? 0]));
  }, 60_000);
  let drift: Record<string, number>;
  afterAll(async () => {
    await db.dispose();
    server.close();
    rmSync(work, { recursive: true, force: true });
  });
  const query = (sql: string) => db.warehouse.query({ sql, binds: [] });

  it('lands every ticket version of both kinds of page, duplicates and system updates included', async () => {
    expect(await query('select id, count(*)::int as n from raw.zendesk__tickets group by id order by id')).toEqual([
      { id: 2, n: 3 }, { id: 3, n: 3 }, { id: 4, n: 3 }, { id: 1002, n: 5 }, { id: 10046, n: 1 },
    ]);
    const system = await query("select updated_at, generated_timestamp from raw.zendesk__tickets where id = 1002 and updated_at < '2012-01-01' ");
    expect(system).toEqual([{ updated_at: '2011-02-20T07:17:33Z', generated_timestamp: '2019-02-20T07:17:40Z' }]);
    const [one] = await query('select via_channel, tags, custom_fields from raw.zendesk__tickets where id = 10046');
    expect(one['via_channel']).toBe('api');
    expect(JSON.parse(String(one['tags']))).toEqual(['idcf', 'problem-report']);
    expect(JSON.parse(String(one['custom_fields']))).toEqual(expect.arrayContaining([{ id: 80429327, value: null }]));
    // Real tickets carry far more fields than the contract reads: counted as drift, not refused.
    expect(drift['tickets']).toBeGreaterThan(10);
  });

  it('reads metric sets, users and every child event of the audits, comments and system changes', async () => {
    expect(await query('select ticket_id, replies, reply_time_calendar_minutes is not null as replied from raw.zendesk__ticket_metrics order by ticket_id')).toHaveLength(3);
    expect(await query('select count(*)::int as n from raw.zendesk__users')).toEqual([{ n: 1 }]);
    const events = await query('select event_type, field_name, count(*)::int as n from raw.zendesk__ticket_events group by all order by all');
    expect(events).toEqual(expect.arrayContaining([{ event_type: 'Comment', field_name: null, n: 3 }, { event_type: 'Change', field_name: 'priority', n: 1 }]));
    expect(await query('select count(*)::int as n, count(distinct audit_id)::int as audits from raw.zendesk__ticket_events')).toEqual([{ n: 27, audits: 4 }]);
  });
});
