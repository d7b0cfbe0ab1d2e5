import { ConfigError, silentLogger, TransientError } from '@northstar/core';
import { loadModelCatalog, runModels } from '@northstar/models';
import { ensureWarehouseSchemas, tableExists } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { domainJobNamed, loadDomain } from './load-domain';
import type { LockWaitOptions } from './load-lock-wait';
import { lockTable, SourceLoadLock } from './source-load-lock';

describe('--domain', () => {
  it('takes a domain fed by several sources', () => {
    expect(domainJobNamed('payments').sources).toEqual(expect.arrayContaining(['orders_db', 'stripe']));
  });

  it('refuses a domain fed by one source, naming the load that runs its models', () => {
    expect(() => domainJobNamed('orders')).toThrow(ConfigError);
    expect(() => domainJobNamed('orders')).toThrow('--domain orders: its models run in `load --source orders_db`; --domain takes a domain fed by several sources: payments, support');
  });

  it('refuses an unknown name, listing the domain jobs', () => {
    expect(() => domainJobNamed('fulfillment')).toThrow('--domain: expected one of payments, support, got "fulfillment"');
  });
});

describe('loadDomain and the loads of the sources it reads', () => {
  const lock = { ttlMs: 4 * 3_600_000, logger: silentLogger() };
  const catalog = loadModelCatalog();
  let db: TempDuckDb;
  beforeEach(async () => {
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    // The sources' loads ran before: every table the domains' models and checks read exists, empty.
    await runModels(catalog, { warehouse: db.warehouse, logger: silentLogger(), clock: () => new Date('2026-12-06T09:00:00Z'), runId: 'hourly-20261206T09' });
  });
  afterEach(() => db.dispose());

  /** Time moves only when the job sleeps between polls. */
  function pollingClock(onSleep: (polls: number) => Promise<void>): LockWaitOptions & { readonly yieldToWaiters: false; polls: () => number } {
    let t = 0;
    let polls = 0;
    return { waitMs: 10 * 60_000, pollMs: 60_000, now: () => t, sleep: async (ms) => { t += ms; await onSleep(++polls); }, yieldToWaiters: false, polls: () => polls };
  }

  const deps = (lockWait: LockWaitOptions & { readonly yieldToWaiters: boolean }) => ({
    warehouse: db.warehouse, logger: silentLogger(), clock: () => new Date('2026-12-06T10:00:00Z'), runId: 'hourly-20261206T10',
    mode: 'hourly' as const, loadLockTtlMs: lock.ttlMs, lockWait, piiColumns: new Set<string>(),
  });

  it('runs its models only once a load of one of its sources, publishing beside it, has released that source', async () => {
    const stripeLoad = await SourceLoadLock.take(db.warehouse, 'stripe', 'hourly-20261206T11', lock);
    const events: string[] = [];
    const clock = pollingClock(async (polls) => {
      if (polls !== 2) return;
      events.push('stripe load committed');
      await stripeLoad.release();
    });
    const result = await loadDomain(domainJobNamed('payments'), catalog, deps(clock));
    events.push('payments models ran');
    expect(result.models.map((m) => m.model)).toContain('fct_payments');
    expect(events).toEqual(['stripe load committed', 'payments models ran']);
    expect(clock.polls()).toBe(2);
    // Every lock it took is released.
    for (const source of ['orders_db', 'stripe']) expect(await tableExists(db.warehouse, lockTable(source))).toBe(false);
  });

  it('stops as transient before any model when a source stays locked past the wait, releasing what it took', async () => {
    await SourceLoadLock.take(db.warehouse, 'zendesk', 'nightly-20261206T02', lock);
    const clock = pollingClock(async () => undefined);
    const publish = jest.spyOn(db.warehouse, 'transaction');
    await expect(loadDomain(domainJobNamed('support'), catalog, deps(clock))).rejects.toThrow(TransientError);
    expect(publish).not.toHaveBeenCalled();
    expect(clock.polls()).toBeGreaterThan(0);
    // orders_db (taken first, by name) is free again for its own load.
    expect(await tableExists(db.warehouse, lockTable('orders_db'))).toBe(false);
  });

  it('holds the source locks while its models run, so a source load waits for it', async () => {
    const seen: boolean[] = [];
    const probe = { ...deps(pollingClock(async () => undefined)) };
    const original = db.warehouse.transaction.bind(db.warehouse);
    // The publish runs in one transaction: look at the locks from inside it.
    db.warehouse.transaction = (async (work: Parameters<typeof original>[0]) => {
      seen.push(await tableExists(db.warehouse, lockTable('orders_db')), await tableExists(db.warehouse, lockTable('stripe')));
      return original(work);
    }) as typeof original;
    await loadDomain(domainJobNamed('payments'), catalog, probe);
    expect(seen.slice(0, 2)).toEqual([true, true]);
  });
});
