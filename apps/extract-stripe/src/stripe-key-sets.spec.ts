import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger, type RunParameters } from '@northstar/core';
import { chargesContract, digestContract, keySetContract, rawTableName, type Contract } from '@northstar/contracts';
import { loadCommittedRuns } from '@northstar/extract';
import { loadModelCatalog, modelsOfSource, repairDifferingDays, runModels } from '@northstar/models';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { StripeAccount, StripeApiServer, type StripeObject } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractStripe } from './extract-stripe';
import { StripeClient } from './stripe-client';
import { extractStripeKeySets } from './stripe-key-sets';
import { chargesEntity } from './streams/charges.stream';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const charge = (n: number, created: string): StripeObject => ({
  id: `ch_${n}`, object: 'charge', amount: 1000 * n, amount_captured: 1000 * n, amount_refunded: 0, currency: 'usd',
  status: 'succeeded', paid: true, captured: true, refunded: false, disputed: false, customer: `cus_${n}`, payment_intent: `pi_${n}`,
  balance_transaction: `txn_${n}`, billing_details: { email: null, name: null, address: null }, payment_method_details: { type: 'card' },
  failure_code: null, failure_message: null, description: null, created: at(created), livemode: true, metadata: { order_id: String(n) },
});
const NIGHTLY: RunParameters = { mode: 'nightly', scheduledAt: new Date('2026-11-03T02:00:00Z'), runId: 'nightly-20261103' };

/**
 * The nightly repair of a Stripe day (issue 18, point 7): a charge refunded
 * with no event (the hourly run's events cannot see it) is found by the
 * nightly key set's per-day digest, re-listed by a one-day backfill through
 * the extractor and loader, compared again and recorded.
 */
describe('the Stripe nightly key sets and the repair of a day changed without an event', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  let server: StripeApiServer;
  let now: Date;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stripe-key-sets-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    const account = new StripeAccount();
    for (const [n, created] of [[1, '2026-11-01T09:00:00Z'], [2, '2026-11-01T10:00:00Z'], [3, '2026-11-02T11:00:00Z']] as const) account.add('charges', charge(n, created), 'charge.succeeded');
    now = new Date('2026-11-02T23:00:00Z');
    server = await StripeApiServer.start({ account, clock: () => now, apiKey: 'sk_test_sandbox' });
  });

  afterEach(async () => {
    await server.close();
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = () => ({
    client: new StripeClient({ apiKey: 'sk_test_sandbox', apiBase: `http://127.0.0.1:${server.port}`, maxRequestsPerSecond: 1000, logger: silentLogger(), retry: { attempts: 2, baseDelayMs: 1, sleep: async () => undefined } }),
    store, parquet, maskKey: undefined, rowsPerPart: 100, tempDir: dir, logger: silentLogger(), clock: () => now, warehouse: db.warehouse, pageSize: 2,
    config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 0 },
  });
  const catalog = loadModelCatalog();
  /** The load app's steps for these contracts: raw, then the Stripe models reading them. */
  const load = async (contracts: readonly Contract[]) => {
    for (const contract of contracts) await loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => now, runId: 'load' });
    const models = modelsOfSource(catalog, { name: 'stripe' }, contracts.map((c) => `raw.${rawTableName(c)}`)).filter((m) => m.name === 'stg_stripe__charges');
    await runModels(models, { warehouse: db.warehouse, logger: silentLogger(), clock: () => now, runId: 'models' });
  };
  const query = (sql: string) => db.warehouse.query<Record<string, unknown>>({ sql, binds: [] });
  const backfill = (start: string, end: Date, runId: string): RunParameters => ({ mode: 'backfill', scheduledAt: new Date(start), window: { start: new Date(start), end }, runId });

  /** The nightly repair of charges, re-reading each differing day through the extractor and the load; the days it re-read. */
  const repairCharges = async () => {
    const reRead: string[] = [];
    const outcome = await repairDifferingDays([chargesContract], {
      withWarehouse: (fn) => fn(db.warehouse), runId: NIGHTLY.runId, clock: () => now,
      repairDay: async (contract, day) => {
        reRead.push(`${contract.entity} ${day}`);
        await extractStripe(backfill(`${day}T00:00:00Z`, NIGHTLY.scheduledAt, `repair-${day}`), [chargesEntity], deps());
        await load([chargesContract]);
      },
    });
    return { reRead, outcome };
  };

  it('lands a key set and a digest per day of the lookback, and a digest that differs from staging is repaired by re-listing the day', async () => {
    await extractStripe(backfill('2026-11-01T00:00:00Z', now, 'history-1'), [chargesEntity], deps());
    await load([chargesContract]);
    // Refunded in part, with no event: no cursor of the hourly run sees it.
    server.account.change('charges', 'ch_2', (c) => ({ ...c, amount_refunded: 400 }), 'charge.refunded', at('2026-11-02T23:30:00Z'), false);

    now = new Date('2026-11-03T02:05:00Z');
    const before = server.stats.requests;
    const landed = await extractStripeKeySets(NIGHTLY, [chargesEntity], deps());
    expect(landed.map((r) => [r.manifest.entity, r.manifest.rowCount])).toEqual([['charges_keys', 3], ['charges_digests', 36]]);
    // Three charges at two a page, and not one events request: the list alone says what each object is now.
    expect(server.stats.requests - before).toBe(2);
    const requests = server.stats.requests;
    expect((await extractStripeKeySets(NIGHTLY, [chargesEntity], deps())).map((r) => r.alreadyCommitted)).toEqual([true, true]);
    expect(server.stats.requests).toBe(requests);
    await load([keySetContract(chargesContract), digestContract(chargesContract)]);
    expect(await query("select cast(created_day as varchar) as day, row_count, amount_sum from raw.stripe__charges_digests where row_count > 0 order by 1")).toEqual([
      { day: '2026-11-01', row_count: 2, amount_sum: '400.00' },
      { day: '2026-11-02', row_count: 1, amount_sum: '0.00' },
    ]);

    const { reRead, outcome } = await repairCharges();
    expect(reRead).toEqual(['charges 2026-11-01']);
    expect(outcome.map((r) => [r.created_day, r.result])).toEqual([['2026-11-01', 'repaired']]);
    expect(await query('select source, entity, cast(created_day as varchar) as day, source_rows, source_amount, warehouse_rows, warehouse_amount, action, result, amount_after from ops.reconciliation_results')).toEqual([{
      source: 'stripe', entity: 'charges', day: '2026-11-01', source_rows: 2, source_amount: '400.00', warehouse_rows: 2, warehouse_amount: '0.00',
      action: 'reextracted', result: 'repaired', amount_after: '400.00',
    }]);
    expect(await query("select status from ops.dq_results where check_name = 'nightly_repair_stripe__charges'")).toEqual([{ status: 'pass' }]);
    expect(await query("select amount_refunded_minor from staging.stg_stripe__charges where charge_id = 'ch_2'")).toEqual([{ amount_refunded_minor: 400 }]);
  });

  it('repairs a day whose charge was disputed with no event, though its count and refunded amount stayed the same', async () => {
    await extractStripe(backfill('2026-11-01T00:00:00Z', now, 'history-1'), [chargesEntity], deps());
    await load([chargesContract]);
    server.account.change('charges', 'ch_2', (c) => ({ ...c, disputed: true }), 'charge.dispute.created', at('2026-11-02T23:30:00Z'), false);

    now = new Date('2026-11-03T02:05:00Z');
    await extractStripeKeySets(NIGHTLY, [chargesEntity], deps());
    await load([keySetContract(chargesContract), digestContract(chargesContract)]);
    const { reRead, outcome } = await repairCharges();
    // The 2nd, unchanged, matches: the extractor's state sum and DuckDB's over staging agree.
    expect(reRead).toEqual(['charges 2026-11-01']);
    expect(outcome.map((r) => [r.created_day, r.source_rows, r.warehouse_rows, r.source_amount, r.warehouse_amount, r.result])).toEqual([['2026-11-01', 2, 2, '0.00', '0.00', 'repaired']]);
    expect(outcome[0].source_state_sum).not.toBe(outcome[0].warehouse_state_sum);
    expect(await query("select is_disputed from staging.stg_stripe__charges where charge_id = 'ch_2'")).toEqual([{ is_disputed: true }]);
  });

  it('names the missing charge in a failed error check when the re-read cannot bring it back', async () => {
    await extractStripe(backfill('2026-11-01T00:00:00Z', now, 'history-1'), [chargesEntity], deps());
    await load([chargesContract]);
    // A charge created on the 1st that the warehouse never got (its raw file lost), and a re-read that fails.
    server.account.add('charges', charge(4, '2026-11-01T12:00:00Z'), 'charge.succeeded', at('2026-11-01T12:00:00Z'), false);
    now = new Date('2026-11-03T02:05:00Z');
    await extractStripeKeySets(NIGHTLY, [chargesEntity], deps());
    await load([keySetContract(chargesContract), digestContract(chargesContract)]);
    const outcome = await repairDifferingDays([chargesContract], { withWarehouse: (fn) => fn(db.warehouse), runId: NIGHTLY.runId, clock: () => now, repairDay: async () => undefined });
    expect(outcome.map((r) => [r.created_day, r.result, r.differingKeys])).toEqual([['2026-11-01', 'still_differs', ['ch_4']]]);
    const [check] = await query("select severity, status, details from ops.dq_results where check_name = 'nightly_repair_stripe__charges'");
    expect(check).toEqual({ severity: 'error', status: 'fail', details: 'stripe.charges 2026-11-01: source 3 rows / 0.00, warehouse 2 / 0.00 after repair; keys differing: ch_4' });
  });
});
