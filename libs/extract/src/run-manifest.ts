import { z } from 'zod';
import { DataContractError } from '@northstar/core';
import { manifestKey, runPrefix } from './raw-zone-layout';

const fileEntry = z.object({
  key: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** An object a file source's run took (or quarantined): the raw loader commits it to ops.partner_files with the run. */
const sourceObjectEntry = z.object({
  key: z.string(),
  etag: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  partner: z.string(),
  outcome: z.enum(['taken', 'quarantined']),
  rowsTaken: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
  reason: z.string().optional(),
  quarantineId: z.string().optional(),
  quarantineKey: z.string().optional(),
});

/** A source record the stream refused, with where it was and what was expected: the raw loader writes it to ops.quarantine. */
const rejectedRecordEntry = z.object({
  sourceFile: z.string(),
  line: z.number().int().nonnegative(),
  column: z.string(),
  /** The raw text, already masked when the column is PII. */
  value: z.string().nullable(),
  expected: z.string(),
});

/** The commit marker of one extraction: written last, so its presence means every part is complete. */
export const runManifestSchema = z.object({
  manifestVersion: z.literal(1),
  source: z.string(),
  entity: z.string(),
  runId: z.string(),
  mode: z.enum(['hourly', 'nightly', 'backfill']),
  scheduledAt: z.iso.datetime(),
  window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  extractedAt: z.iso.datetime(),
  contractVersion: z.string(),
  schemaFingerprint: z.string(),
  /**
   * The columns the run's Parquet files hold: the contract's when it was
   * extracted. Manifests written before it was recorded lack it; the loader
   * then takes the current contract's columns, as it always did.
   */
  columns: z.array(z.string()).optional(),
  /** Where the next run may start reading (minus its lookback) once this one is loaded. */
  proposedWatermark: z.iso.datetime(),
  rowCount: z.number().int().nonnegative(),
  files: z.array(fileEntry),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  drift: z
    .object({
      added: z.array(z.string()),
      /** Record streams: for each field in `added`, how many records held it. */
      unknownFieldRecords: z.record(z.string(), z.number().int().nonnegative()).optional(),
    })
    .optional(),
  /**
   * A checkpoint that is not a timestamp (an API cursor, an event id, a
   * listing position): the raw loader commits it to ops.source_cursors in
   * the run's load transaction.
   */
  proposedCheckpoint: z.string().optional(),
  /** File sources: the objects the run took or quarantined. */
  sourceObjects: z.array(sourceObjectEntry).optional(),
  /** Records the stream refused (bounded by the source's error threshold). */
  rejectedRecords: z.array(rejectedRecordEntry).optional(),
  /** The window the operator asked for (--start/--end); `window` is what was read of it. */
  requestedWindow: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).optional(),
  /** Why the window ends where it does, for sources read from one snapshot (the orders DB). */
  snapshot: z
    .object({
      snapshotXmin: z.string().nullable(),
      oldestOpenXactStart: z.iso.datetime().nullable(),
      openWriters: z.number().int().nonnegative(),
      observed: z.boolean(),
      /** What ended the window: its scheduled bound, an open transaction's start, or the source's clock at the snapshot. */
      limitedBy: z.enum(['schedule', 'open-transaction', 'source-clock']),
      /** The source's clock read inside the snapshot; the proposed watermark never passes it. Older manifests lack it. */
      sourceClock: z.iso.datetime().optional(),
    })
    .optional(),
});

export type RunManifest = z.infer<typeof runManifestSchema>;
export type ManifestFile = z.infer<typeof fileEntry>;
export type ManifestSnapshot = NonNullable<RunManifest['snapshot']>;
export type SourceObjectEntry = z.infer<typeof sourceObjectEntry>;
export type RejectedRecordEntry = z.infer<typeof rejectedRecordEntry>;

export function parseRunManifest(text: string, key: string): RunManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataContractError(`${key}: manifest is not valid JSON (${(error as Error).message})`);
  }
  const parsed = runManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataContractError(`${key}: manifest field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const inconsistency = inconsistencyOf(parsed.data, key);
  if (inconsistency) throw new DataContractError(`${key}: manifest ${inconsistency}; nothing of the run is loaded`);
  return parsed.data;
}

/**
 * The manifest is the run's commit record and the loader acts on it (rows
 * recorded, watermark moved), so its fields must agree with each other and
 * with where it lies: a hand-edited, copied or buggy manifest is refused,
 * not loaded.
 */
function inconsistencyOf(manifest: RunManifest, key: string): string | undefined {
  const expected = manifestKey(runPrefix(manifest, new Date(manifest.scheduledAt), manifest.runId, manifest.shard));
  if (key !== expected) return `says source ${manifest.source}, entity ${manifest.entity}, run ${manifest.runId} scheduled ${manifest.scheduledAt}${manifest.shard ? `, shard ${manifest.shard.index}/${manifest.shard.count}` : ''}, which belongs at ${expected}`;
  const folder = key.slice(0, key.lastIndexOf('/') + 1);
  const outside = manifest.files.find((f) => !f.key.startsWith(folder) || f.key.slice(folder.length).includes('/'));
  if (outside) return `lists ${outside.key}, outside its run's folder ${folder}`;
  const keys = new Set(manifest.files.map((f) => f.key));
  if (keys.size !== manifest.files.length) return 'lists a file twice';
  const rows = manifest.files.reduce((sum, f) => sum + f.rows, 0);
  if (rows !== manifest.rowCount) return `counts ${manifest.rowCount} rows but its files hold ${rows}`;
  if (Date.parse(manifest.window.start) > Date.parse(manifest.window.end)) return `has a window that ends (${manifest.window.end}) before it starts (${manifest.window.start})`;
  if (Date.parse(manifest.proposedWatermark) > Date.parse(manifest.window.end)) return `proposes a watermark (${manifest.proposedWatermark}) past its window's end (${manifest.window.end}), over rows it did not read`;
  const sourceClock = manifest.snapshot?.sourceClock;
  if (sourceClock && Date.parse(manifest.proposedWatermark) > Date.parse(sourceClock)) {
    return `proposes a watermark (${manifest.proposedWatermark}) past the source's clock at its snapshot (${sourceClock}), over rows not written yet`;
  }
  return undefined;
}

export function serializeRunManifest(manifest: RunManifest): string {
  return `${JSON.stringify(runManifestSchema.parse(manifest), null, 2)}\n`;
}
