import { DataContractError } from '@northstar/core';
import { manifestKey, partKey, runPrefix } from './raw-zone-layout';
import { parseRunManifest, serializeRunManifest, type RunManifest } from './run-manifest';

const entity = { source: 'orders_db', entity: 'products' };
const scheduledAt = new Date('2026-11-02T07:00:00Z');
const prefix = runPrefix(entity, scheduledAt, 'hourly-20261102T07');
const key = manifestKey(prefix);

const valid: RunManifest = {
  manifestVersion: 1,
  source: 'orders_db',
  entity: 'products',
  runId: 'hourly-20261102T07',
  mode: 'hourly',
  scheduledAt: scheduledAt.toISOString(),
  window: { start: '2026-11-02T05:00:00.000Z', end: '2026-11-02T06:59:00.000Z' },
  extractedAt: '2026-11-02T07:00:05.000Z',
  contractVersion: '1.0.0',
  schemaFingerprint: 'f'.repeat(64),
  columns: ['product_id'],
  proposedWatermark: '2026-11-02T06:59:00.000Z',
  rowCount: 5,
  files: [
    { key: partKey(prefix, 0), rows: 3, bytes: 100, sha256: 'a'.repeat(64) },
    { key: partKey(prefix, 1), rows: 2, bytes: 90, sha256: 'b'.repeat(64) },
  ],
};

const parse = (manifest: RunManifest, at = key) => () => parseRunManifest(JSON.stringify(manifest), at);

describe('parseRunManifest', () => {
  it('reads back what serializeRunManifest wrote', () => {
    expect(parseRunManifest(serializeRunManifest(valid), key)).toEqual(valid);
  });

  it('refuses a manifest whose source, entity, run or hour place it elsewhere than where it lies', () => {
    expect(parse({ ...valid, runId: 'hourly-20261102T08' })).toThrow(/belongs at orders_db\/products\/load_date=2026-11-02\/hour=07\/run=hourly-20261102T08\/_manifest.json/);
    expect(parse({ ...valid, entity: 'customers' })).toThrow(DataContractError);
    expect(parse({ ...valid, scheduledAt: '2026-11-02T08:00:00.000Z' })).toThrow(DataContractError);
    expect(parse({ ...valid, shard: { index: 1, count: 4 } })).toThrow(/shard 1\/4/);
  });

  it('refuses files outside its run\'s folder, or listed twice', () => {
    const other = runPrefix(entity, scheduledAt, 'hourly-killed');
    expect(parse({ ...valid, files: [valid.files[0], { ...valid.files[1], key: partKey(other, 0) }] })).toThrow(/lists .*run=hourly-killed\/part-00000.parquet, outside its run's folder/);
    expect(parse({ ...valid, files: [valid.files[0], { ...valid.files[1], key: `${prefix}deeper/part-00001.parquet` }] })).toThrow(/outside its run's folder/);
    expect(parse({ ...valid, rowCount: 6, files: [valid.files[0], valid.files[0]] })).toThrow(/lists a file twice/);
  });

  it('refuses a row count its files do not add up to, even with no files', () => {
    expect(parse({ ...valid, rowCount: 5000 })).toThrow('counts 5000 rows but its files hold 5; nothing of the run is loaded');
    expect(parse({ ...valid, rowCount: 5, files: [] })).toThrow(/counts 5 rows but its files hold 0/);
  });

  it('refuses a window that ends before it starts, and a watermark proposed past the window', () => {
    expect(parse({ ...valid, window: { start: valid.window.end, end: valid.window.start } })).toThrow(/ends .* before it starts/);
    expect(parse({ ...valid, proposedWatermark: '2030-01-01T00:00:00.000Z' })).toThrow(/proposes a watermark \(2030-01-01T00:00:00.000Z\) past its window's end/);
  });

  it('refuses a watermark proposed past the source clock its snapshot recorded', () => {
    const snapshot = { snapshotXmin: '7', oldestOpenXactStart: null, openWriters: 0, observed: false, limitedBy: 'schedule' as const };
    expect(parse({ ...valid, snapshot: { ...snapshot, sourceClock: '2026-11-02T06:58:59.999Z' } })).toThrow(
      /proposes a watermark \(2026-11-02T06:59:00.000Z\) past the source's clock at its snapshot \(2026-11-02T06:58:59.999Z\)/,
    );
    expect(parse({ ...valid, snapshot: { ...snapshot, sourceClock: '2026-11-02T06:59:00.000Z' } })).not.toThrow();
    expect(parse({ ...valid, snapshot })).not.toThrow();
  });
});
