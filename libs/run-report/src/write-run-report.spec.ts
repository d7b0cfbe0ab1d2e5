import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { writeRunReport } from './write-run-report';

// What CI installs (.ci/run): without it the launch throws and this spec fails; it never skips.
const chromiumPath = '/usr/bin/chromium';

describe('writeRunReport: a static page from the warehouse', () => {
  let db: TempDuckDb;
  let dir: string;
  let browser: Browser;
  let file: string;

  const insert = (sql: string) => db.warehouse.run(renderSql(sql, db.warehouse.dialect));

  beforeAll(async () => {
    db = await openTempDuckDb();
    dir = await mkdtemp(path.join(tmpdir(), 'run-report-'));
    await ensureWarehouseSchemas(db.warehouse);
    for (const [run, hour, status] of [['hourly-20261102T06', '06', 'succeeded'], ['hourly-20261102T07', '07', 'failed']] as const) {
      const failed = status === 'failed';
      await insert(`insert into ops.pipeline_runs (run_id, step, mode, status, attempt, started_at, finished_at, exit_code, message, rows_out, retries, lag_minutes, note) values
        ('${run}', 'extract-orders-db', 'hourly', 'succeeded', 1, '2026-11-02 ${hour}:00:05+00', '2026-11-02 ${hour}:01:10+00', 0, null, 120, 0, null, ${failed ? "'orders: the saved position was re-read from the lookback'" : 'null'}),
        ('${run}', 'load-orders-db', 'hourly', 'succeeded', 1, '2026-11-02 ${hour}:01:12+00', '2026-11-02 ${hour}:03:40+00', 0, null, 118, ${failed ? 2 : 0}, null, null),
        ('${run}', 'quality', 'hourly', '${status}', 1, '2026-11-02 ${hour}:03:42+00', '2026-11-02 ${hour}:04:30+00', ${failed ? 3 : 0}, ${failed ? "'blocking quality checks failed'" : 'null'}, 0, 0, ${failed ? 47.5 : 3.6}, null)`);
      await insert(`insert into ops.dq_results values
        ('${run}', 'fct_orders_not_null_customer_id_in_batch', 'curated.fct_orders', 'error', '${status === 'failed' ? 'fail' : 'pass'}', ${status === 'failed' ? 2 : 0}, ${status === 'failed' ? "'sample failing keys: 10, 11'" : 'null'}, '2026-11-02 ${hour}:04:00+00'),
        ('${run}', 'fct_orders_accepted_values_order_status_in_batch', 'curated.fct_orders', 'warn', 'pass', 0, null, '2026-11-02 ${hour}:04:01+00')`);
      await insert(`insert into ops.source_freshness values ('${run}', 'orders_db', '2026-11-02 ${hour}:00:05+00', '2026-11-02 ${hour}:03:40+00', 3.6, 120, 2, '2026-11-02 ${hour}:04:00+00')`);
    }
    await insert("insert into ops.quarantine values ('hourly-20261102T07', 'orders_db', 'orders', 'part-0.parquet', 4, 'order_id is null: the business key is missing', '{}', '2026-11-02 07:02:00+00')");
    const lineage = [
      { name: 'stg_orders_db__orders', layer: 'staging', dependsOn: ['raw.orders_db__orders'] },
      { name: 'fct_orders', layer: 'curated', dependsOn: ['stg_orders_db__orders'] },
      { name: 'orders', layer: 'analytics', dependsOn: ['fct_orders'] },
    ];
    file = await writeRunReport(db.warehouse, path.join(dir, 'report.html'), { runLimit: 24, lineage, now: new Date('2026-11-02T08:00:00Z'), slo: { warnMinutes: 30, errorMinutes: 45 } });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('is one file that needs no network: ECharts inline, no external script or stylesheet', async () => {
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('echarts');
  });

  it('loads in headless Chromium without console errors, shows the runs and checks, and a failed error check is red', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    // Offline: any request leaving the page fails the load instead of fetching.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.querySelectorAll('#timeline canvas, #lineage canvas, #freshness canvas, #check-trend canvas').length === 4);
    expect(errors).toEqual([]);
    const text = await page.textContent('body');
    for (const expected of ['hourly-20261102T06', 'hourly-20261102T07', 'fct_orders_not_null_customer_id_in_batch', 'sample failing keys: 10, 11', 'order_id is null']) expect(text).toContain(expected);
    const failedRow = page.locator('tr', { hasText: 'fct_orders_not_null_customer_id_in_batch' }).first();
    const colour = await failedRow.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(215);
    expect(b).toBeLessThan(215);
    const passedRow = page.locator('tr', { hasText: 'fct_orders_accepted_values_order_status_in_batch' }).first();
    expect(await passedRow.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    const breachedRun = page.locator('#runs + p + table tr', { hasText: 'hourly-20261102T07' });
    expect(await breachedRun.textContent()).toMatch(/breach/);
    expect(await breachedRun.textContent()).toContain('orders: the saved position was re-read from the lookback');
    expect(await breachedRun.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(colour);
    const goodRun = page.locator('#runs + p + table tr', { hasText: 'hourly-20261102T06' });
    expect(await goodRun.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: path.resolve(__dirname, '../../../tmp/run-report.png'), fullPage: true });
    await page.close();
  });
});
