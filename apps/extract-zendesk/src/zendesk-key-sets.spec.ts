import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger, type RunParameters } from '@northstar/core';
import { digestContract, keySetContract, rawTableName, ticketsContract, type Contract } from '@northstar/contracts';
import { loadCommittedRuns, type RecordStreamDeps } from '@northstar/extract';
import { loadModelCatalog, modelsOfSource, repairDifferingDays, runModels } from '@northstar/models';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { generateHistory, generateZendesk, microsToDate, ZendeskApiServer, type ZendeskObjects } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractZendesk } from './extract-zendesk';
import { zendeskStreams } from './streams';
import { ZendeskClient } from './zendesk-client';
import { extractZendeskKeySets } from './zendesk-key-sets';

const data = generateHistory({ scale: 0.01, seed: 11, start: new Date('2026-11-02T06:00:00Z') });
const sandboxStart = microsToDate(data.shape.startUs);
const objects: ZendeskObjects = generateZendesk({ seed: data.shape.seed, orders: data.orders, customers: data.customers, window: { start: new Date(0), end: sandboxStart } });
const login = { email: 'ops@northstar.test', token: 'zd-secret-token' };
const DAY = 86_400_000;
const NIGHTLY: RunParameters = { mode: 'nightly', scheduledAt: new Date(sandboxStart.getTime() + 3_600_000), runId: 'nightly-test' };

/**
 * The nightly repair of a Zendesk day (issue 18, point 7): a ticket that
 * reached Zendesk with an updated_at the hourly cursor had already passed (no
 * export after it sends it) is found by the nightly key set's per-day count,
 * re-read by a one-day backfill of the export, compared again and recorded.
 */
describe('the Zendesk nightly key sets and the repair of a day the cursor missed', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  let server: ZendeskApiServer;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'zendesk-key-sets-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    server = await ZendeskApiServer.start({ objects, now: () => NIGHTLY.scheduledAt, ...login, requestsPerMinute: 1000 });
  });

  afterEach(async () => {
    await server.close();
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = () => new ZendeskClient({ url: server.url, email: login.email, apiToken: login.token }, { requestsPerMinute: 1000, logger: silentLogger(), attempts: 2 });
  const deps = (): RecordStreamDeps => ({
    store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock: () => new Date(NIGHTLY.scheduledAt.getTime() + 300_000),
    warehouse: db.warehouse, config: { initialStart: new Date('2024-01-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 60_000 },
  });
  const tickets = (backfill: boolean) => zendeskStreams(client(), { backfill, perPage: 100 }).filter((s) => s.contract.entity === 'tickets');
  const catalog = loadModelCatalog();
  const load = async (contracts: readonly Contract[]) => {
    for (const contract of contracts) await loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: 'load' });
    const models = modelsOfSource(catalog, { name: 'zendesk' }, contracts.map((c) => `raw.${rawTableName(c)}`)).filter((m) => m.name === 'stg_zendesk__tickets');
    await runModels(models, { warehouse: db.warehouse, logger: silentLogger(), clock: () => new Date(), runId: 'models' });
  };
  const query = (sql: string) => db.warehouse.query<Record<string, unknown>>({ sql, binds: [] });
  const backfill = (start: Date, end: Date, runId: string): RunParameters => ({ mode: 'backfill', scheduledAt: start, window: { start, end }, runId });

  /** The nightly repair of tickets, re-reading each differing day through the extractor and the load; the days it re-read. */
  const repairTickets = async () => {
    const reRead: string[] = [];
    const outcome = await repairDifferingDays([ticketsContract], {
      withWarehouse: (fn) => fn(db.warehouse), runId: NIGHTLY.runId, clock: () => new Date(),
      repairDay: async (contract, differing) => {
        reRead.push(`${contract.entity} ${differing}`);
        await extractZendesk(backfill(new Date(`${differing}T00:00:00Z`), NIGHTLY.scheduledAt, `repair-${differing}`), tickets(true), deps());
        await load([ticketsContract]);
      },
    });
    return { reRead, outcome };
  };

  it('counts the tickets created per day of the lookback as staging does, and re-reads a day whose count differs', async () => {
    await extractZendesk(backfill(new Date(sandboxStart.getTime() - 40 * DAY), sandboxStart, 'history-1'), tickets(true), deps());
    await load([ticketsContract]);
    // A ticket created three days ago that reached Zendesk after the cursor had passed its updated_at.
    const [model] = objects.tickets;
    const createdAt = new Date(sandboxStart.getTime() - 3 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const late = { ...model, id: 2_900_000_777, status: 'open' as const, created_at: createdAt, updated_at: createdAt, generated_timestamp: Math.floor(Date.parse(createdAt) / 1000) };
    server.setObjects({ ...objects, tickets: [...objects.tickets, late] });

    const landed = await extractZendeskKeySets(NIGHTLY, tickets(true), deps());
    expect(landed.map((r) => r.manifest.entity)).toEqual(['tickets_keys', 'tickets_digests']);
    await load([keySetContract(ticketsContract), digestContract(ticketsContract)]);
    const [{ keys, days }] = await query('select count(*)::int as keys, count(distinct created_day)::int as days from raw.zendesk__tickets_keys');
    expect(keys).toBeGreaterThan(10);
    expect(days).toBeGreaterThan(5);

    const day = createdAt.slice(0, 10);
    const { reRead, outcome } = await repairTickets();
    // Every other day of the lookback agrees: the set counts what staging holds, deleted tickets left out by both.
    expect(reRead).toEqual([`tickets ${day}`]);
    expect(outcome.map((r) => [r.created_day, r.result])).toEqual([[day, 'repaired']]);
    const [recorded] = await query('select source, entity, cast(created_day as varchar) as day, source_rows, warehouse_rows, rows_after, action, result from ops.reconciliation_results');
    expect(recorded).toEqual({ source: 'zendesk', entity: 'tickets', day, source_rows: expect.any(Number), warehouse_rows: expect.any(Number), rows_after: expect.any(Number), action: 'reextracted', result: 'repaired' });
    expect(Number(recorded['source_rows'])).toBe(Number(recorded['warehouse_rows']) + 1);
    expect(recorded['rows_after']).toBe(recorded['source_rows']);
    expect(await query('select ticket_id from staging.stg_zendesk__tickets where ticket_id = 2900000777')).toEqual([{ ticket_id: 2_900_000_777 }]);
  });

  it('re-reads a day whose ticket changed status with no export after it, though its count stayed the same', async () => {
    await extractZendesk(backfill(new Date(sandboxStart.getTime() - 40 * DAY), sandboxStart, 'history-1'), tickets(true), deps());
    await load([ticketsContract]);
    // A ticket of the last five days solved a second after its last update, a change that reached Zendesk after the hourly cursor had passed it.
    const since = sandboxStart.getTime() - 5 * DAY;
    const later = (iso: string) => new Date(Date.parse(iso) + 1000);
    const moved = objects.tickets.find((t) =>
      Date.parse(t.created_at) >= since && later(t.updated_at) < sandboxStart && t.status !== 'deleted' && t.status !== 'solved');
    if (!moved) throw new Error('the generated history has no open ticket in the last five days');
    const solved = { ...moved, status: 'solved' as const, updated_at: later(moved.updated_at).toISOString().replace(/\.\d{3}Z$/, 'Z'), generated_timestamp: Math.floor(later(moved.updated_at).getTime() / 1000) };
    server.setObjects({ ...objects, tickets: objects.tickets.map((t) => (t.id === moved.id ? solved : t)) });

    await extractZendeskKeySets(NIGHTLY, tickets(true), deps());
    await load([keySetContract(ticketsContract), digestContract(ticketsContract)]);
    const day = new Date(moved.created_at).toISOString().slice(0, 10);
    const { reRead, outcome } = await repairTickets();
    expect(reRead).toEqual([`tickets ${day}`]);
    expect(outcome.map((r) => [r.created_day, r.source_rows === r.warehouse_rows, r.result])).toEqual([[day, true, 'repaired']]);
    expect(await query(`select status from staging.stg_zendesk__tickets where ticket_id = ${moved.id}`)).toEqual([{ status: 'solved' }]);
  });
});
