import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataContractError, silentLogger, type RunParameters } from '@northstar/core';
import { partnerFormatNamed, partnerFormats, shipmentsContract } from '@northstar/contracts';
import { loadCommittedRuns, releaseQuarantine } from '@northstar/extract';
import { LocalObjectStore, type ObjectStore } from '@northstar/object-store';
import { startS3rver, type S3rverHandle } from '@northstar/object-store/testing';
import { ParquetWriter } from '@northstar/parquet';
import { partnerFileBytes, type PartnerFileVariant, type PartnerShipmentEvent } from '@northstar/sandbox';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractPartnerFiles, type PartnerFilesDeps } from './extract-partner-files';
import { reportQuarantinedFiles } from './partner-quarantine-report';

const event = (i: number, partner = 'northfreight'): PartnerShipmentEvent => ({
  partner: partner as PartnerShipmentEvent['partner'], shipment_id: `SHP-${i}`, order_id: 1000 + i, carrier: 'DHL', tracking_number: `T${i}`,
  status: 'in_transit', status_at: `2026-11-02T0${i % 10}:00:00.000000Z`, ship_to_postcode: '12345', weight_kg: '2.5',
});
const runAt = (hour: number): RunParameters => ({ mode: 'hourly', scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)), runId: `hourly-${hour}` });

let s3: S3rverHandle;
beforeAll(async () => {
  s3 = await startS3rver();
}, 60_000);
afterAll(async () => {
  await s3?.stop();
});

describe.each([
  ['a local directory', (dir: string) => new LocalObjectStore(path.join(dir, 'raw'))],
  ['S3 (s3rver)', (dir: string) => s3.openStore(path.basename(dir))],
] as const)('extractPartnerFiles over %s', (_name, openStore) => {
  let dir: string;
  let db: TempDuckDb;
  let store: ObjectStore;
  let parquet: ParquetWriter;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'partner-files-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = openStore(dir);
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
  });
  afterEach(async () => {
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const clock = () => new Date('2026-11-02T12:00:00Z');
  const deps = (): PartnerFilesDeps => ({
    store, parquet, maskKey: 'k', rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock, warehouse: db.warehouse, formats: partnerFormats,
    config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 },
  });
  const drop = async (partner: string, key: string, events: PartnerShipmentEvent[], variant: PartnerFileVariant = {}) => {
    const local = path.join(dir, `drop-${Math.random()}`);
    await writeFile(local, partnerFileBytes(partnerFormatNamed(partner), events, variant));
    await store.putFile(`partners/${partner}/${key}`, local);
  };
  const load = () => loadCommittedRuns(shipmentsContract, { warehouse: db.warehouse, store, logger: silentLogger(), clock, runId: 'load' });
  const query = (sql: string) => db.warehouse.query({ sql, binds: [] });
  const rawRows = () => query("select shipment_id, partner, file_name, file_line from raw.partner_files__shipments order by shipment_id, _run_id");

  it('takes each new file once: late files under old folders and replaced files again, never one etag twice', async () => {
    await drop('northfreight', '2026/11/02/a.csv', [event(1), event(2)]);
    await drop('parcelwave', '2026-11-02/b.csv.gz', [event(3, 'parcelwave')], { gzip: true });
    const first = await extractPartnerFiles(runAt(7), deps());
    expect(first.manifest).toMatchObject({ rowCount: 3 });
    expect(first.manifest.sourceObjects?.map((o) => [o.key, o.outcome, o.rowsTaken])).toEqual([
      ['partners/northfreight/2026/11/02/a.csv', 'taken', 2], ['partners/parcelwave/2026-11-02/b.csv.gz', 'taken', 1],
    ]);
    // Not loaded yet: the next run must still not take them again.
    const opened = jest.spyOn(store, 'openRead');
    expect((await extractPartnerFiles(runAt(8), deps())).manifest.rowCount).toBe(0);
    expect(opened).not.toHaveBeenCalled();
    await load();
    expect(await rawRows()).toEqual([
      { shipment_id: 'SHP-1', partner: 'northfreight', file_name: 'partners/northfreight/2026/11/02/a.csv', file_line: 2 },
      { shipment_id: 'SHP-2', partner: 'northfreight', file_name: 'partners/northfreight/2026/11/02/a.csv', file_line: 3 },
      { shipment_id: 'SHP-3', partner: 'parcelwave', file_name: 'partners/parcelwave/2026-11-02/b.csv.gz', file_line: 3 },
    ]);

    await drop('northfreight', '2026/10/30/late.csv', [event(4)]);
    await drop('northfreight', '2026/11/02/a.csv', [event(1), event(2), event(5)]);
    const third = await extractPartnerFiles(runAt(9), deps());
    expect(third.manifest.sourceObjects?.map((o) => o.key)).toEqual(['partners/northfreight/2026/10/30/late.csv', 'partners/northfreight/2026/11/02/a.csv']);
    // One GetObject per file: the pass that checks it also spools its rows.
    expect(opened).toHaveBeenCalledTimes(2);
    await load();
    expect((await rawRows()).map((r) => r['shipment_id'])).toEqual(['SHP-1', 'SHP-1', 'SHP-2', 'SHP-2', 'SHP-3', 'SHP-4', 'SHP-5']);
    expect(await query('select count(*)::int as n, count(distinct etag)::int as etags from ops.partner_files')).toEqual([{ n: 4, etags: 4 }]);
    expect((await extractPartnerFiles(runAt(10), deps())).manifest.rowCount).toBe(0);
  });

  it('splits the objects of a run between the shards of an array job, each taken by exactly one', async () => {
    for (let i = 1; i <= 6; i++) await drop('northfreight', `s/${i}.csv`, [event(i)]);
    const shards = [0, 1, 2].map((index) => extractPartnerFiles(runAt(7), { ...deps(), shard: { index, count: 3 } }));
    const taken = (await Promise.all(shards)).map((r) => r.manifest.sourceObjects?.map((o) => o.key) ?? []);
    expect(taken.flat().sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `partners/northfreight/s/${i}.csv`));
    expect(taken.filter((keys) => keys.length > 0).length).toBeGreaterThan(1);
    await load();
    expect((await rawRows()).map((r) => r['shipment_id'])).toEqual(['SHP-1', 'SHP-2', 'SHP-3', 'SHP-4', 'SHP-5', 'SHP-6']);
  });

  it('quarantines a broken file with a reason file while the others land, and the report after the load exits 3; bad rows go to ops.quarantine; a release re-queues it', async () => {
    await drop('northfreight', 'x/good.csv', [event(1), event(2), event(3)], { corrupt: [{ row: 1, column: 'ship_to_postcode', text: '' }, { row: 2, column: 'status_at', text: 'yesterday' }] });
    await drop('parcelwave', 'x/broken.csv', [event(4, 'parcelwave')], { renameHeader: { status: 'Zustand' } });
    const extracted = await extractPartnerFiles(runAt(7), deps());
    expect(extracted.manifest.rowCount).toBe(2);
    expect(extracted.quarantined.map((q) => [q.partner, q.objectKey])).toEqual([['parcelwave', 'partners/parcelwave/x/broken.csv']]);
    const id = extracted.quarantined[0].id;
    const report = () => reportQuarantinedFiles(shipmentsContract, 'hourly-7', { warehouse: db.warehouse, logger: silentLogger() });
    const reason = JSON.parse((await store.getText(`partner_files/quarantine/partners/parcelwave/x/broken.csv/${id}/reason.json`)) ?? '{}') as Record<string, unknown>;
    expect(reason).toMatchObject({ id, partner: 'parcelwave', objectKey: 'partners/parcelwave/x/broken.csv', runId: 'hourly-7' });
    expect(await store.getText(`partner_files/quarantine/partners/parcelwave/x/broken.csv/${id}/broken.csv`)).toBe(await store.getText('partners/parcelwave/x/broken.csv'));

    await expect(report()).resolves.toBeUndefined(); // nothing loaded yet: the ledger does not hold the run
    await load();
    const error = await report().then(() => new Error('expected a refusal'), (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DataContractError);
    expect(error.message).toBe(
      "1 partner file(s) quarantined; the run's other files are loaded. Fix the file or the partner format, then `npm run pipeline -- release-quarantine <id>`:\n" +
      `partner parcelwave: partners/parcelwave/x/broken.csv (quarantine id ${id}): partners/parcelwave/x/broken.csv line 2: the header lacks the mapped column(s) status ("Status") of partner parcelwave; it has "Sendungsnummer", "Auftrag", "Spediteur", "Tracking", "Zustand", "Zeitpunkt", "PLZ", "Gewicht (kg)"`,
    );
    await expect(reportQuarantinedFiles(shipmentsContract, 'hourly-8', { warehouse: db.warehouse, logger: silentLogger() })).resolves.toBeUndefined();
    expect((await rawRows()).map((r) => r['shipment_id'])).toEqual(['SHP-1', 'SHP-2']);
    expect(await query('select source_file, row_number, reason, record from ops.quarantine')).toEqual([
      { source_file: 'partners/northfreight/x/good.csv', row_number: 4, reason: 'column status_at: expected an ISO-8601 date-time with an offset (2026-11-02T10:00:00Z)', record: '{"column":"status_at","value":"yesterday"}' },
    ]);
    expect(await query("select partner, outcome, quarantine_id, released_at from ops.partner_files order by partner")).toEqual([
      { partner: 'northfreight', outcome: 'taken', quarantine_id: null, released_at: null },
      { partner: 'parcelwave', outcome: 'quarantined', quarantine_id: id, released_at: null },
    ]);
    expect((await extractPartnerFiles(runAt(8), deps())).manifest.rowCount).toBe(0);

    await expect(releaseQuarantine(db.warehouse, 'nope', 'test', clock())).rejects.toThrow('release-quarantine: no quarantined file has id "nope"');
    expect(await releaseQuarantine(db.warehouse, id, 'ops@northstar', clock())).toEqual({ id, objectKey: 'partners/parcelwave/x/broken.csv', partner: 'parcelwave', released: true });
    expect(await query('select released_by from ops.partner_files where quarantine_id is not null')).toEqual([{ released_by: 'ops@northstar' }]);
    await drop('parcelwave', 'x/broken.csv', [event(4, 'parcelwave')]);
    const fixed = await extractPartnerFiles(runAt(9), deps());
    expect(fixed.manifest.sourceObjects?.map((o) => [o.key, o.outcome])).toEqual([['partners/parcelwave/x/broken.csv', 'taken']]);
    expect((await releaseQuarantine(db.warehouse, id, 'ops@northstar', clock())).released).toBe(false);
  });
});
