import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, DataContractError, silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { extractToRawZone, type ExtractionRequest } from './extract-to-raw-zone';
import { parseRunManifest } from './run-manifest';

const contract = contractFor('orders_db', 'products');
const at = new Date('2026-11-02T07:00:00Z');

function productCsv(rows: number): string {
  let csv = '';
  for (let i = 1; i <= rows; i++) csv += `${i},SKU-${i},"Widget, size ${i}",tools,${i}.25,EUR,t,2026-11-02 06:00:00.123456+00,2026-11-02 06:30:00.654321+00\n`;
  return csv;
}

describe('extractToRawZone', () => {
  let dir: string;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'extract-'));
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir });
  });

  afterEach(async () => {
    await parquet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (openCsv: ExtractionRequest['openCsv']): ExtractionRequest => ({
    contract,
    runId: 'hourly-20261102T07',
    mode: 'hourly',
    scheduledAt: at,
    window: { start: new Date('2026-11-02T05:00:00Z'), end: new Date('2026-11-02T06:59:00Z') },
    proposedWatermark: new Date('2026-11-02T06:59:00Z'),
    openCsv,
  });
  const deps = () => ({ store, parquet, maskKey: undefined, rowsPerPart: 4, tempDir: dir, logger: silentLogger(), clock: () => new Date('2026-11-02T07:00:05Z') });

  it('writes parts of bounded size (the first an eighth of the others, rounded up), then a manifest that lists them with checksums', async () => {
    const result = await extractToRawZone(request(async function* () { yield productCsv(10); }), deps());
    expect(result.alreadyCommitted).toBe(false);
    expect(result.manifest.rowCount).toBe(10);
    expect(result.manifest.files.map((f) => f.rows)).toEqual([1, 4, 4, 1]);
    expect(result.manifestKey).toBe('orders_db/products/load_date=2026-11-02/hour=07/run=hourly-20261102T07/_manifest.json');
    const stored = parseRunManifest((await store.getText(result.manifestKey))!, result.manifestKey);
    expect(stored).toEqual(result.manifest);
    for (const file of stored.files) expect(await store.exists(file.key)).toBe(true);
  });

  it('lets the first of two racing attempts of one run id commit; the second neither overwrites its parts nor its manifest', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = extractToRawZone(request(async function* () {
      yield productCsv(3);
      await gate;
      yield productCsv(9).split('\n').slice(3).join('\n');
    }), deps());
    const first = await extractToRawZone(request(async function* () { yield productCsv(10); }), deps());
    release();
    const second = await slow;
    expect(first.alreadyCommitted).toBe(false);
    expect(second).toMatchObject({ alreadyCommitted: true, manifest: first.manifest });
    expect(parseRunManifest((await store.getText(first.manifestKey))!, first.manifestKey)).toEqual(first.manifest);
    const parts = (await store.list('orders_db/products/')).filter((o) => o.key.endsWith('.parquet'));
    expect(parts).toEqual(first.manifest.files.map((f) => ({ key: f.key, size: f.bytes })));
  });

  it('leaves no manifest when the source fails half-way, so nothing can load the parts', async () => {
    const failing = async function* () {
      yield productCsv(9);
      throw new Error('connection reset by peer');
    };
    await expect(extractToRawZone(request(failing), deps())).rejects.toThrow('connection reset');
    const keys = (await store.list('orders_db/products/')).map((o) => o.key);
    expect(keys.some((k) => k.endsWith('.parquet'))).toBe(true);
    expect(keys.some((k) => k.endsWith('_manifest.json'))).toBe(false);
  });

  it('lands a record longer than DuckDB\'s default 32 MB read buffer (the part\'s longest record sizes it)', async () => {
    const [first, second, third] = productCsv(3).split('\n');
    const long = second.replace('Widget, size 2', `Widget ${'x'.repeat(33 * 1024 * 1024)}`);
    const result = await extractToRawZone(request(async function* () { yield `${first}\n${long}\n${third}\n`; }), deps());
    expect(result.manifest.rowCount).toBe(3);
    expect(result.manifest.files.map((f) => f.rows)).toEqual([1, 2]);
  });

  it('refuses a record over 128 MB by its number in the window, before DuckDB tries to hold it, and commits nothing', async () => {
    const [first, second] = productCsv(2).split('\n');
    const huge = second.replace('Widget, size 2', `Widget ${'x'.repeat(129 * 1024 * 1024)}`);
    const failure = await extractToRawZone(request(async function* () { yield `${first}\n${first}\n${first}\n${first}\n${first}\n${huge}\n`; }), deps()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataContractError);
    expect((failure as Error).message).toBe(
      'orders_db/products run hourly-20261102T07, window [2026-11-02T05:00:00.000Z, 2026-11-02T06:59:00.000Z): ' +
        'record 6 does not match the contract (129.0 MB long, over the 128 MB the Parquet writer reads)',
    );
    expect((await store.list('orders_db/products/')).some((o) => o.key.endsWith('_manifest.json'))).toBe(false);
  });

  it('refuses a part whose written row count differs from the records the source sent, and commits nothing', async () => {
    const miscounting = {
      writeFromCsv: async (input: Parameters<ParquetWriter['writeFromCsv']>[0]) => ({ ...(await parquet.writeFromCsv(input)), rows: 3 }),
    } as unknown as ParquetWriter;
    await expect(extractToRawZone(request(async function* () { yield productCsv(4); }), { ...deps(), rowsPerPart: 32, parquet: miscounting })).rejects.toThrow(/sent 4 CSV records but 3 rows were written/);
    const keys = (await store.list('orders_db/products/')).map((o) => o.key);
    expect(keys).toEqual([]);
  });

  it('names the run, the record\'s place in the window, its key, the column and the type when a value does not convert', async () => {
    const lines = productCsv(10).split('\n');
    lines[5] = lines[5].replace('6.25', 'six'); // record 6: the third part (parts of 1, 4, 4, 1), product_id 6
    const failure = await extractToRawZone(request(async function* () { yield lines.join('\n'); }), deps()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataContractError);
    expect((failure as Error).message).toBe(
      'orders_db/products run hourly-20261102T07, window [2026-11-02T05:00:00.000Z, 2026-11-02T06:59:00.000Z): ' +
        'record 6 (product_id=6), column unit_price (expected decimal(12,2)) does not match the contract (Conversion Error)',
    );
    expect((await store.list('orders_db/products/')).some((o) => o.key.endsWith('_manifest.json'))).toBe(false);
  });

  describe('a run id that already committed, asked again', () => {
    const week = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-08T00:00:00Z') };
    const day = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-02T00:00:00Z') };
    const backfill = (requestedWindow: typeof week, openCsv: ExtractionRequest['openCsv']): ExtractionRequest => ({
      ...request(openCsv), runId: 'fix-november', mode: 'backfill', window: requestedWindow, proposedWatermark: requestedWindow.end, requestedWindow,
    });

    it('does nothing when asked for the same window again (a retry)', async () => {
      await extractToRawZone(backfill(day, async function* () { yield productCsv(2); }), deps());
      const openCsv = jest.fn();
      const again = await extractToRawZone(backfill(day, openCsv), deps());
      expect(again.alreadyCommitted).toBe(true);
      expect(openCsv).not.toHaveBeenCalled();
    });

    it('refuses another window under the same --run-id (exit 2) instead of silently doing nothing', async () => {
      await extractToRawZone(backfill(day, async function* () { yield productCsv(2); }), deps());
      const openCsv = jest.fn();
      const failure = await extractToRawZone(backfill(week, openCsv), deps()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toBe(
        'run id fix-november already committed orders_db/products/load_date=2026-11-02/hour=07/run=fix-november/_manifest.json (mode backfill, window [2026-11-01T00:00:00.000Z, 2026-11-02T00:00:00.000Z)); ' +
          'this run asks for mode backfill, window [2026-11-01T00:00:00.000Z, 2026-11-08T00:00:00.000Z): give it another --run-id',
      );
      expect(openCsv).not.toHaveBeenCalled();
    });

    it('refuses a window given to a run id its scheduled run already committed', async () => {
      await extractToRawZone(request(async function* () { yield productCsv(2); }), deps());
      const failure = await extractToRawZone({ ...request(jest.fn()), requestedWindow: day }, deps()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(/already committed .* \(mode hourly, its scheduled window\); this run asks for mode hourly, window \[2026-11-01/);
    });
  });

  it('does nothing for a run that already committed, without opening the source', async () => {
    await extractToRawZone(request(async function* () { yield productCsv(3); }), deps());
    const openCsv = jest.fn();
    const again = await extractToRawZone(request(openCsv), deps());
    expect(again.alreadyCommitted).toBe(true);
    expect(openCsv).not.toHaveBeenCalled();
    expect(again.manifest.rowCount).toBe(3);
  });

  it('commits an empty window as a manifest without files, so the watermark can move on', async () => {
    const result = await extractToRawZone(request(async function* () { yield* []; }), deps());
    expect(result.manifest.files).toEqual([]);
    expect(result.manifest.rowCount).toBe(0);
  });
});
