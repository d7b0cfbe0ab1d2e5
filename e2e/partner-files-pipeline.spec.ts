import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { generatePartnerShipments, writePartnerDrops, type PartnerDropFault } from '@northstar/sandbox';
import { openObjectStore } from '@northstar/object-store';
import { ALL_SUCCEEDED, SEEDED_START, seededOrdersDb, workspaceRoot } from './pipeline-harness';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 2, h));
const HISTORY = new Date('2026-01-01T00:00:00Z');

describe('partner files through the pipeline: drops in the raw bucket -> fct_shipments and analytics.shipments', () => {
  const env = seededOrdersDb('e2e_partner_files');
  const drop = async (window: { start: Date; end: Date }, faults: PartnerDropFault[]) => {
    const store = openObjectStore(env.harness.config.rawUrl, {});
    return writePartnerDrops(store, { seed: 1, orders: await env.sandbox.orderPlans(), window, faults });
  };
  const count = async (sql: string) => Number((await env.harness.query<{ n: number }>(sql))[0].n);

  it('loads every partner format, quarantines a breaking file while the rest goes on, reads no file twice, and re-reads a released one', async () => {
    await env.sandbox.advanceHour(SEEDED_START);
    const first = await drop({ start: HISTORY, end: hour(7) }, ['bad_row', 'extra_column']);
    expect(first.map((d) => d.partner)).toEqual(['northfreight', 'parcelwave']);
    const run7 = await env.harness.hourly(hour(7).toISOString());
    expect(run7.jobs).toEqual(ALL_SUCCEEDED);
    const events = generatePartnerShipments({ seed: 1, orders: await env.sandbox.orderPlans(), window: { start: HISTORY, end: hour(7) } });
    // The bad row (northfreight's last) is quarantined; its shipment may still be there from its other statuses.
    const shipments = new Set(events.slice(0, -1).map((e) => `${e.partner}/${e.shipment_id}`).concat(events.filter((e) => e.partner === 'parcelwave').map((e) => `${e.partner}/${e.shipment_id}`)));
    expect(await count('select count(*) as n from analytics.shipments')).toBe(shipments.size);
    expect(await count('select count(*) as n from analytics.shipments s join analytics.orders o on o.order_key = s.order_key')).toBe(shipments.size);
    expect(await count("select count(*) as n from ops.quarantine where source = 'partner_files' and reason like 'column status_at:%'")).toBe(1);
    expect(await count("select count(*) as n from ops.schema_registry where source = 'partner_files' and columns like '%signed_by%'")).toBe(1);
    expect(await count("select count(*) as n from ops.dq_results where check_name = 'raw_partner_files_unmapped_columns' and status = 'fail'")).toBe(1);

    await env.sandbox.advanceHour(hour(7));
    await drop({ start: hour(7), end: hour(8) }, ['late_file', 'gzip', 'replaced_file', 'breaking_header']);
    const run8 = await env.harness.hourly(hour(8).toISOString());
    expect(run8.exitCode).toBe(3);
    // The breaking file fails only the chain's last job: the late and replaced files load this hour, and quality runs.
    expect(run8.jobs).toEqual(ALL_SUCCEEDED.map(([job, status]) => [job, job === 'report-partner-files' ? 'failed' : status]));
    const id = /quarantine id ([0-9a-f]{12})/.exec(env.harness.jobLog(run8.runId, 'report-partner-files'))?.[1];
    expect(id).toBeDefined();
    expect(await count("select count(*) as n from ops.partner_files where outcome = 'quarantined' and released_at is null")).toBe(1);

    // The next hour takes nothing again.
    const run9 = await env.harness.hourly(hour(9).toISOString());
    expect(run9.jobs).toEqual(ALL_SUCCEEDED);
    expect(await count('select count(*) as n from (select object_key, etag from ops.partner_files group by object_key, etag having count(*) > 1) as twice')).toBe(0);
    expect(await count("select count(*) as n from ops.partner_files where object_key like 'partners/northfreight/2026/11/01/status-07.csv.gz'")).toBe(1);
    expect(await count("select count(distinct etag) as n from ops.partner_files where object_key like 'partners/northfreight/2026/11/02/status-06.csv'")).toBe(2);

    const release = spawnSync(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'apps/orchestrator/src/main.ts'), 'release-quarantine', id ?? ''], {
      cwd: workspaceRoot, env: env.harness.env, encoding: 'utf8',
    });
    expect(release.stdout).toMatch(/^released partners\/parcelwave\/2026\/11\/02\/status-07\.csv \(partner parcelwave\): the next run reads it again/);
    expect(release.status).toBe(0);
    // Released but not fixed: the next run reads it again and quarantines it again.
    expect((await env.harness.hourly(hour(10).toISOString())).exitCode).toBe(3);
    expect(await count(`select count(*) as n from ops.partner_files where quarantine_id = '${id}' and released_at is not null`)).toBe(1);
  }, 240_000);
});
