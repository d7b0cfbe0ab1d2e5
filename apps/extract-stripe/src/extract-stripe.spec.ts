import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { embeddedMetricRecord, emptyRunFigures, ExitCode, exitCodeFor, silentLogger, type RunParameters } from '@northstar/core';
import { recordingLogger } from '@northstar/core/testing';
import { chargesContract, refundsContract, type Contract } from '@northstar/contracts';
import { loadCommittedRuns, type ExtractionResult } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { maskValue, ParquetWriter } from '@northstar/parquet';
import { StripeAccount, StripeApiServer, type StripeObject } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractStripe } from './extract-stripe';
import { StripeClient } from './stripe-client';
import { chargesEntity } from './streams/charges.stream';
import { refundsEntity } from './streams/refunds.stream';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const runAt = (hour: number, runId = `hourly-${hour}`): RunParameters => ({ mode: 'hourly', scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)), runId });
const charge = (n: number, created: string, extra: Record<string, unknown> = {}): StripeObject => ({
  id: `ch_${String(n).padStart(5, '0')}`, object: 'charge', amount: 1000 + n, amount_captured: 1000 + n, amount_refunded: 0, currency: 'usd',
  status: 'succeeded', paid: true, captured: true, refunded: false, disputed: false, customer: `cus_${n}`, payment_intent: `pi_${n}`,
  balance_transaction: `txn_${n}`, billing_details: { email: `c${n}@example.com`, name: `Customer ${n}`, address: null },
  payment_method_details: { type: 'card' }, failure_code: null, failure_message: null, description: null, created: at(created),
  livemode: true, metadata: { order_id: String(5000 + n) }, ...extra,
});
const refund = (n: number, chargeN: number, created: string, extra: Record<string, unknown> = {}): StripeObject => ({
  id: `re_${n}`, object: 'refund', charge: `ch_${String(chargeN).padStart(5, '0')}`, payment_intent: `pi_${chargeN}`, balance_transaction: `txn_re_${n}`,
  amount: 1000 + chargeN, currency: 'usd', status: 'succeeded', reason: 'requested_by_customer', created: at(created), metadata: { order_id: String(5000 + chargeN) }, ...extra,
});

describe('extractStripe through the official SDK against the sandbox API', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  let server: StripeApiServer;
  let stripeNow: Date;
  const retries = { count: 0 };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-stripe-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    stripeNow = new Date('2026-11-02T06:30:00Z');
    const account = new StripeAccount();
    for (let n = 1; n <= 12; n++) account.add('charges', charge(n, `2026-11-02T0${Math.floor(n / 3)}:${String(n).padStart(2, '0')}:00Z`), 'charge.succeeded');
    server = await StripeApiServer.start({ account, clock: () => stripeNow, apiKey: 'sk_test_sandbox' });
    retries.count = 0;
  });

  afterEach(async () => {
    await server.close();
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (logger = silentLogger(), overrides: { maxRps?: number; attempts?: number; store?: LocalObjectStore; maskKey?: string } = {}) => ({
    client: new StripeClient({
      apiKey: 'sk_test_sandbox', apiBase: `http://127.0.0.1:${server.port}`, maxRequestsPerSecond: overrides.maxRps ?? 1000, logger,
      retry: { attempts: overrides.attempts ?? 6, baseDelayMs: 1, sleep: async () => undefined }, onRetry: () => void retries.count++,
    }),
    store: overrides.store ?? store, parquet, maskKey: overrides.maskKey, rowsPerPart: 5, tempDir: dir, logger, clock: () => new Date('2026-11-02T12:00:00Z'),
    warehouse: db.warehouse, pageSize: 4,
    config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 },
  });
  const load = (contract: Contract) => loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: 'load' });
  const query = (sql: string) => db.warehouse.query<Record<string, unknown>>({ sql, binds: [] });
  const charges = () => query('select id, amount_refunded, refunded, observed_at from raw.stripe__charges order by id, observed_at');
  const rowsOf = (results: ExtractionResult[]) => results.map((r) => r.manifest.rowCount);

  it('lists the window, then reads a late refund of an older charge from events after the committed event, and a rerun reads nothing twice', async () => {
    const first = await extractStripe(runAt(7), [chargesEntity, refundsEntity], deps());
    expect(rowsOf(first)).toEqual([12, 0]);
    expect(JSON.parse(first[0].manifest.proposedCheckpoint ?? '')).toEqual({ event: expect.stringMatching(/^evt_/), created: at('2026-11-02T04:12:00Z') });
    await load(chargesContract);
    await load(refundsContract);

    stripeNow = new Date('2026-11-02T07:40:00Z');
    server.account.addRefund(refund(1, 2, '2026-11-02T07:20:00Z') as never);
    const again = await extractStripe(runAt(7), [chargesEntity], deps());
    expect(again[0].alreadyCommitted).toBe(true);

    const second = await extractStripe(runAt(8), [chargesEntity, refundsEntity], deps());
    expect(rowsOf(second)).toEqual([1, 1]);
    await load(chargesContract);
    await load(refundsContract);
    const ch2 = (await charges()).filter((c) => c['id'] === 'ch_00002');
    expect(ch2).toEqual([
      { id: 'ch_00002', amount_refunded: 0, refunded: false, observed_at: '2026-11-02T06:30:00Z' },
      { id: 'ch_00002', amount_refunded: 1002, refunded: true, observed_at: '2026-11-02T07:20:00Z' },
    ]);
    expect(await query('select id, charge_id, amount, currency_exponent from raw.stripe__refunds')).toEqual([{ id: 're_1', charge_id: 'ch_00002', amount: 1002, currency_exponent: 2 }]);
    expect(await query('select count(*)::int as n, count(distinct id)::int as ids from raw.stripe__charges')).toEqual([{ n: 13, ids: 12 }]);
  });

  it('rides out a 429 burst, a 5xx, a lock timeout and a reset mid-page, losing and doubling nothing', async () => {
    server.faults.rateLimitBurst(3, 'charges').serverErrors(1, 500, 'charges').lockTimeouts(1, 'events').resetMidPage(1, 'charges');
    const { logger, records } = recordingLogger();
    const [result] = await extractStripe(runAt(7), [chargesEntity], deps(logger));
    expect(result.manifest.rowCount).toBe(12);
    expect(retries.count).toBe(6);
    // The first request (the newest event) takes the lock timeout; the listing the rest.
    expect(records.filter((r) => r['msg'] === 'Stripe request failed; retrying').map((r) => r['code'] ?? r['status'] ?? 'reset'))
      .toEqual(['lock_timeout', 'rate_limit', 'rate_limit', 'rate_limit', 500, 'reset']);
    await load(chargesContract);
    expect(await query('select count(*)::int as n, count(distinct id)::int as ids from raw.stripe__charges')).toEqual([{ n: 12, ids: 12 }]);
  });

  it('fails transient (exit 75) when Stripe keeps failing, and with exit 2 on a refused key; nothing is committed', async () => {
    server.faults.serverErrors(10, 503);
    const failed = await extractStripe(runAt(7), [chargesEntity], deps(silentLogger(), { attempts: 3 })).catch((e: unknown) => e);
    expect(exitCodeFor(failed)).toBe(ExitCode.transient);
    expect((failed as Error).message).toMatch(/^Stripe GET \/v1\/events: An unknown error occurred\. \(request req_\w+\)$/);
    const refused = new StripeClient({ apiKey: 'sk_test_wrong', apiBase: `http://127.0.0.1:${server.port}`, maxRequestsPerSecond: 10, logger: silentLogger() });
    const unauthorised = await refused.listPage('charges', {}).catch((e: unknown) => e);
    expect(exitCodeFor(unauthorised)).toBe(ExitCode.badInput);
    expect((await store.list('stripe/')).filter((o) => o.key.endsWith('_manifest.json'))).toEqual([]);
  });

  it('keeps every object once when one changes between two pages; the change arrives by events next run', async () => {
    // ch_00012 is on the first page (newest first): listed before the change, which only the events carry.
    server.faults.changeAfterNextPage('charges', (account) => {
      stripeNow = new Date('2026-11-02T06:31:00Z');
      account.change('charges', 'ch_00012', (c) => ({ ...c, amount_refunded: 5 }), 'charge.refunded', at('2026-11-02T06:31:00Z'));
    });
    const [first] = await extractStripe(runAt(7), [chargesEntity], deps());
    expect(first.manifest.rowCount).toBe(12);
    await load(chargesContract);
    const [second] = await extractStripe(runAt(8), [chargesEntity], deps());
    expect(second.manifest.rowCount).toBe(1);
    await load(chargesContract);
    expect((await charges()).filter((c) => c['id'] === 'ch_00012').map((c) => [c['amount_refunded'], c['observed_at']])).toEqual([[0, '2026-11-02T06:30:00Z'], [5, '2026-11-02T06:31:00Z']]);
    expect(await query('select count(distinct id)::int as ids, count(*)::int as n from raw.stripe__charges')).toEqual([{ ids: 12, n: 13 }]);
  });

  it('re-lists the gap by created when the saved event is past 30 days, logs it, and reads on from the newest event', async () => {
    await extractStripe(runAt(7), [chargesEntity], deps());
    await load(chargesContract);
    stripeNow = new Date('2026-12-10T00:00:00Z');
    server.account.add('charges', charge(20, '2026-11-15T00:00:00Z'), 'charge.succeeded', at('2026-11-15T00:00:00Z'));
    server.account.add('charges', charge(21, '2026-12-09T23:00:00Z'), 'charge.succeeded', at('2026-12-09T23:00:00Z'));
    const { logger, records } = recordingLogger();
    const figures = emptyRunFigures();
    const [result] = await extractStripe({ mode: 'backfill', scheduledAt: new Date('2026-12-10T00:00:00Z'), runId: 'late', window: { start: new Date('2026-12-09T00:00:00Z'), end: new Date('2026-12-10T00:00:00Z') } }, [chargesEntity], { ...deps(logger), figures });
    expect(records.filter((r) => r['level'] === 'warn').map((r) => [r['msg'], r['from'], r['to']])).toEqual([
      ['the saved event is older than the 30 days Stripe keeps events: re-listing the objects created since it by created; changes to older objects in the gap are not seen', '2026-11-02T04:12:00.000Z', '2026-12-09T00:00:00.000Z'],
    ]);
    // The same gap in the run record's Note, which the job step copies into ops.pipeline_runs.note (batch-job-step.spec).
    const note = 'charges: the saved event is older than the 30 days Stripe keeps events; re-listed objects created 2026-11-02T04:12:00.000Z to 2026-12-09T00:00:00.000Z by created (changes to older objects in the gap not seen)';
    expect(embeddedMetricRecord({ ...figures, app: 'extract-stripe', seconds: 1, exitCode: 0 }, new Date())).toMatchObject({ Note: note, RowsOut: 3 });
    // The gap starts at the saved event's second, inclusive: another object may share it, so ch_00012 comes again.
    expect(result.manifest.rowCount).toBe(3);
    await load(chargesContract);
    expect(await query("select id from raw.stripe__charges where _run_id = 'late' order by id")).toEqual([{ id: 'ch_00012' }, { id: 'ch_00020' }, { id: 'ch_00021' }]);
    expect(JSON.parse(result.manifest.proposedCheckpoint ?? '')).toEqual({ event: expect.stringMatching(/^evt_/), created: at('2026-12-09T23:00:00Z') });
  });

  it('lands zero- and three-decimal amounts with their exponent, and an expanded or deleted customer as its id', async () => {
    server.account.add('charges', charge(30, '2026-11-02T05:00:00Z', { currency: 'jpy', amount: 15800, customer: { id: 'cus_gone', object: 'customer', deleted: true } }), 'charge.succeeded');
    server.account.add('charges', charge(31, '2026-11-02T05:01:00Z', { currency: 'kwd', amount: 12350, customer: { id: 'cus_x', object: 'customer', email: 'x@example.com' } }), 'charge.succeeded');
    server.account.add('refunds', refund(2, 30, '2026-11-02T05:10:00Z', { currency: 'jpy', amount: 15800 }), 'refund.created');
    await extractStripe(runAt(7), [chargesEntity, refundsEntity], deps());
    await load(chargesContract);
    await load(refundsContract);
    expect(await query("select id, amount, currency, currency_exponent, customer_id from raw.stripe__charges where currency <> 'usd' order by id")).toEqual([
      { id: 'ch_00030', amount: 15800, currency: 'jpy', currency_exponent: 0, customer_id: 'cus_gone' },
      { id: 'ch_00031', amount: 12350, currency: 'kwd', currency_exponent: 3, customer_id: 'cus_x' },
    ]);
    expect(await query('select amount, currency_exponent from raw.stripe__refunds')).toEqual([{ amount: 15800, currency_exponent: 0 }]);
  });

  it('masks billing email, name and address and the card\'s last4 and fingerprint outside prod, and keeps the rest as sent', async () => {
    server.account.add('charges', charge(40, '2026-11-02T05:30:00Z', {
      billing_details: { email: 'ada@example.com', name: 'Ada L', address: { line1: '1 Main St', postal_code: 'N1', country: 'GB' } },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', fingerprint: 'AOB934RVNwzk6xtn' } },
    }), 'charge.succeeded');
    await extractStripe(runAt(7), [chargesEntity], deps(silentLogger(), { maskKey: 'k' }));
    await load(chargesContract);
    expect(await query("select billing_email, billing_name, billing_address_line1, billing_address_postal_code, billing_address_country, card_brand, card_last4, card_fingerprint, order_id from raw.stripe__charges where id = 'ch_00040'")).toEqual([{
      billing_email: maskValue('k', 'ada@example.com'), billing_name: maskValue('k', 'Ada L'), billing_address_line1: maskValue('k', '1 Main St'),
      billing_address_postal_code: maskValue('k', 'N1'), billing_address_country: 'GB', card_brand: 'visa',
      card_last4: maskValue('k', '4242'), card_fingerprint: maskValue('k', 'AOB934RVNwzk6xtn'), order_id: '5040',
    }]);
  });

  it('commits nothing when killed after the parts but before the manifest, and the rerun of the run id loads each object once', async () => {
    const crashing = Object.create(store) as LocalObjectStore;
    crashing.putIfAbsent = async () => {
      throw new Error('killed before the manifest');
    };
    await expect(extractStripe(runAt(7), [chargesEntity], deps(silentLogger(), { store: crashing }))).rejects.toThrow('killed before the manifest');
    expect((await store.list('stripe/charges/')).some((o) => o.key.endsWith('.parquet'))).toBe(true);
    expect((await load(chargesContract)).rowsLoaded).toBe(0);
    const [rerun] = await extractStripe(runAt(7), [chargesEntity], deps());
    expect(rerun.manifest.rowCount).toBe(12);
    await load(chargesContract);
    await load(chargesContract);
    expect(await query('select count(*)::int as n, count(distinct id)::int as ids from raw.stripe__charges')).toEqual([{ n: 12, ids: 12 }]);
  });
});
