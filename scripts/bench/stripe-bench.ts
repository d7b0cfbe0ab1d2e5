// `npm run bench -- stripe`: the Stripe extractor against the sandbox API at
// a rate limit, as a share of that limit's ceiling (requests/s x 100 objects
// a page), and its peak RSS, at each object count. The sandbox server runs in
// this process; the extractor in its own, under GNU time, so its RSS is its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, silentLogger } from '@northstar/core';
import { rowsPerPartOf, stripeSource } from '@northstar/contracts';
import { StripeAccount, StripeApiServer, type StripeObject } from '@northstar/sandbox';
import { ensureWarehouseSchemas, openWarehouse } from '@northstar/warehouse';
import { jobProcess } from './job-process';

const root = path.resolve(__dirname, '../..');
const PAGE_SIZE = 100;
const FROM = Date.parse('2026-01-01T00:00:00Z') / 1000;

export interface StripeBenchFigures {
  readonly objects: number;
  readonly requestsPerSecond: number;
  /** The parts the job wrote: the configured size, capped by the source's declaration. */
  readonly rowsPerPart: number;
  readonly seconds: number;
  /** The extractor's own rate over its read (its closing log line). */
  readonly objectsPerSecond: number;
  /** requests/s x objects per page: what the limit allows at best. */
  readonly ceiling: number;
  readonly share: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly peakRssMb: number;
}

/** `objects` charges spread one a second from 2026-01-01, each as Stripe lists it. */
function accountOf(objects: number): StripeAccount {
  const account = new StripeAccount();
  for (let i = 0; i < objects; i++) {
    const charge: StripeObject = {
      id: `ch_bench${String(i).padStart(10, '0')}`, object: 'charge', amount: 1000 + (i % 5000), amount_captured: 1000 + (i % 5000), amount_refunded: 0,
      currency: i % 10 === 0 ? 'jpy' : 'usd', status: 'succeeded', paid: true, captured: true, refunded: false, disputed: false,
      customer: `cus_${i % 50_000}`, payment_intent: `pi_${i}`, balance_transaction: `txn_${i}`,
      billing_details: { email: `c${i % 50_000}@example.com`, name: `Customer ${i % 50_000}`, address: { line1: `${i} Main St`, postal_code: '10001', country: 'US' } },
      payment_method_details: { type: 'card' }, failure_code: null, failure_message: null, description: `order ${i}`,
      created: FROM + i, livemode: true, metadata: { order_id: String(i) },
    };
    account.add('charges', charge, 'charge.succeeded', FROM + i, false);
  }
  return account;
}

/**
 * One run of `objects` charges at `requestsPerSecond`. `rowsPerPart` bounds the
 * extractor's memory (a part converts at a time), so RSS compares across
 * sizes only when every size fills whole parts.
 */
export async function benchStripe(objects: number, requestsPerSecond: number, rowsPerPart: number): Promise<StripeBenchFigures> {
  const server = await StripeApiServer.start({ account: accountOf(objects), maxRequestsPerSecond: requestsPerSecond, clock: () => new Date((FROM + objects + 60) * 1000) });
  const home = mkdtempSync(path.join(tmpdir(), 'northstar-bench-stripe-'));
  try {
    const env = {
      ...process.env, NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_LOG_FORMAT: 'json', NORTHSTAR_LOG_LEVEL: 'info',
      STRIPE_API_BASE: `http://127.0.0.1:${server.port}`, STRIPE_MAX_RPS: String(requestsPerSecond), NORTHSTAR_ROWS_PER_PART: String(rowsPerPart), ...jobProcess('extract-stripe').env,
    };
    // The extractor opens the warehouse read-only for its checkpoint: it must exist.
    const warehouse = await openWarehouse(loadConfig(env).warehouse, silentLogger());
    await ensureWarehouseSchemas(warehouse);
    await warehouse.close();
    const rssFile = path.join(home, 'rss');
    const end = new Date((FROM + objects + 1) * 1000).toISOString();
    const args = ['-f', '%M', '-o', rssFile, process.execPath, ...jobProcess('extract-stripe').nodeFlags, '--import', 'tsx', path.join(root, 'apps/extract-stripe/src/main.ts'),
      '--mode', 'backfill', '--start', new Date(FROM * 1000).toISOString(), '--end', end, '--entities', 'charges', '--run-id', 'bench'];
    const started = Date.now();
    const child = spawn('/usr/bin/time', args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => void (log += chunk.toString('utf8')));
    // Async: the server in this process must keep answering while the extractor runs.
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const seconds = (Date.now() - started) / 1000;
    if (exit !== 0) throw new Error(`extract-stripe failed (exit ${exit}):\n${log.slice(-4000)}`);
    const complete = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => String(r['msg']).startsWith('read complete'));
    const objectsPerSecond = Number(complete?.['recordsPerSecond'] ?? 0);
    const ceiling = requestsPerSecond * PAGE_SIZE;
    const peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    return {
      objects, requestsPerSecond, rowsPerPart: rowsPerPartOf(stripeSource, rowsPerPart), seconds, objectsPerSecond, ceiling, share: objectsPerSecond / ceiling,
      requests: server.stats.requests, rateLimited: server.stats.rateLimited, peakRssMb: Math.round(peakKb / 1024),
    };
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}
