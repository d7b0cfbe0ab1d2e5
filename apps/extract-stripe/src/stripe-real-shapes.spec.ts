import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { describeRealData } from '@northstar/core/testing';
import { contractsForSource } from '@northstar/contracts';
import { loadCommittedRuns } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { StripeAccount, StripeApiServer, type StripeListName, type StripeObject } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb } from '@northstar/warehouse/testing';
import { extractStripe } from './extract-stripe';
import { StripeClient } from './stripe-client';
import { stripeEntities } from './streams';

// Stripe's own example objects (its OpenAPI fixtures), served as they are
// through the sandbox API and read by the SDK, the streams and the contracts
// into raw tables: every field the contracts read is where the real API puts it.
describeRealData('the Stripe extractor over real API shapes', (realData) => {
  it('lands the fixture charge, refund, dispute, payment intent and balance transaction with their ids, amounts and exponents', async () => {
    const fixtures = JSON.parse(readFileSync(path.join(realData, 'stripe/openapi_fixtures/fixtures3.json'), 'utf8'))['resources'] as Record<string, StripeObject>;
    const account = new StripeAccount();
    const lists: [StripeListName, string][] = [['charges', 'charge'], ['refunds', 'refund'], ['disputes', 'dispute'], ['payment_intents', 'payment_intent'], ['balance_transactions', 'balance_transaction']];
    for (const [list, name] of lists) account.add(list, fixtures[name], `${name}.created`);
    const server = await StripeApiServer.start({ account, clock: () => new Date('2009-02-14T00:00:00Z') });
    const dir = mkdtempSync(path.join(tmpdir(), 'stripe-real-'));
    const db = await openTempDuckDb();
    const parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    try {
      await ensureWarehouseSchemas(db.warehouse);
      const store = new LocalObjectStore(path.join(dir, 'raw'));
      const client = new StripeClient({ apiKey: 'sk_test_real', apiBase: `http://127.0.0.1:${server.port}`, maxRequestsPerSecond: 100, logger: silentLogger() });
      const window = { start: new Date('2009-02-01T00:00:00Z'), end: new Date('2009-02-14T00:00:00Z') };
      const results = await extractStripe({ mode: 'backfill', scheduledAt: window.end, runId: 'real', window }, stripeEntities, {
        client, store, parquet, maskKey: undefined, rowsPerPart: 100, tempDir: dir, logger: silentLogger(), clock: () => window.end, warehouse: db.warehouse,
        config: { initialStart: window.start, lookbackMs: 0, safetyLagMs: 0 },
      });
      expect(results.map((r) => r.manifest.rowCount)).toEqual([1, 1, 1, 1, 1]);
      for (const contract of contractsForSource('stripe')) await loadCommittedRuns(contract, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: 'load' });
      const query = (sql: string) => db.warehouse.query({ sql, binds: [] });
      expect(await query('select id, amount, currency, currency_exponent, balance_transaction_id, status, livemode, created from raw.stripe__charges')).toEqual([
        { id: fixtures['charge'].id, amount: 100, currency: 'usd', currency_exponent: 2, balance_transaction_id: fixtures['balance_transaction'].id, status: 'succeeded', livemode: false, created: '2009-02-13T23:31:30Z' },
      ]);
      expect(await query('select charge_id, amount, status from raw.stripe__refunds')).toEqual([{ charge_id: fixtures['charge'].id, amount: 100, status: 'succeeded' }]);
      expect(await query('select charge_id, amount, status, evidence_due_by is not null as due from raw.stripe__disputes')).toEqual([
        { charge_id: fixtures['charge'].id, amount: 1000, status: 'warning_needs_response', due: true },
      ]);
      expect(await query('select id, amount, amount_received, status, capture_method, latest_charge_id from raw.stripe__payment_intents')).toEqual([
        { id: fixtures['payment_intent'].id, amount: 1099, amount_received: 0, status: 'requires_payment_method', capture_method: 'automatic', latest_charge_id: null },
      ]);
      const [txn] = await query('select amount, fee, net, type, status from raw.stripe__balance_transactions');
      expect(txn).toMatchObject({ amount: 100, status: 'available' });
      expect(Number(txn['amount']) - Number(txn['fee'])).toBe(Number(txn['net']));
    } finally {
      await parquet.close();
      await db.dispose();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
