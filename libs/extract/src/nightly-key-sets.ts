import { createHash } from 'node:crypto';
import { floorToDay, type RunParameters, type TimeWindow } from '@northstar/core';
import { createdColumnOf, digestAmountColumn, digestContract, digestStateColumns, digestStates, digestStateTerm, digestStateValue, keySetContract, keySetLookbackDays, type Column, type Contract } from '@northstar/contracts';
import { extractToRawZone, type ExtractionDeps, type ExtractionResult } from './extract-to-raw-zone';
import { ReadProgress } from './read-progress';
import { RecordCsvEncoder } from './record-csv-encoder';
import { RecordFlattener } from './record-flattener';
import type { RecordStream, SourceRecord, StreamPosition } from './record-stream';

const DAY_MS = 86_400_000;
const PROGRESS_EVERY_MS = 30_000;

export interface KeySetStreamOptions {
  /** A record the source lists but holds as deleted (Zendesk's status `deleted`): staging flags it, so the set leaves it out. */
  readonly isDeleted?: (record: SourceRecord) => boolean;
}

interface KeyEntry {
  readonly cursor: unknown;
  readonly day: string;
  readonly amount: number;
  /** digestStateTerm of the key and the state columns; 0 when the entity declares none. */
  readonly state: number;
}

/**
 * The nightly key set and per-day digests of an API entity: its stream read
 * over the creation days its source's keySets cover (lookbackDays back from
 * the nightly, to now), each key once (the last record of a key wins: an
 * export sends a changed record again, later), landed as `<entity>_keys` and
 * `<entity>_digests` like any entity. The digests hold a row for every day of
 * the lookback, empty ones too, so a day the warehouse holds and the source
 * does not is compared, and days before the lookback are not.
 */
export async function extractNightlyKeySets(run: RunParameters, stream: RecordStream, deps: ExtractionDeps, options: KeySetStreamOptions = {}): Promise<ExtractionResult[]> {
  const contract = stream.contract;
  const logger = deps.logger.child({ source: contract.source, entity: contract.entity });
  const readUntil = new Date(Math.max(run.scheduledAt.getTime(), deps.clock().getTime()));
  const window = keySetWindow(contract, run.scheduledAt, readUntil);
  let collected: Promise<Map<string, KeyEntry>> | undefined;
  // Read once, and only if one of the two has not committed (a rerun of a committed night lists nothing).
  const keys = () => (collected ??= collectKeys(stream, window, options, { ...deps, logger }));
  const keyContract = keySetContract(contract);
  const digests = digestContract(contract);
  const land = (derived: Contract, records: () => Promise<SourceRecord[]>) => {
    const flattener = new RecordFlattener(derived);
    const encoder = new RecordCsvEncoder(derived, flattener, new ReadProgress(logger, deps.clock, PROGRESS_EVERY_MS), 500);
    return extractToRawZone(
      {
        contract: derived,
        runId: run.runId,
        mode: run.mode,
        scheduledAt: run.scheduledAt,
        window,
        proposedWatermark: run.scheduledAt,
        openCsv: () => encoder.encode(fromPromise(records())),
        extractedAt: readUntil,
      },
      { ...deps, logger: logger.child({ entity: derived.entity }) },
    );
  };
  return [
    await land(keyContract, async () => keySetRecords(contract, keyContract, await keys())),
    await land(digests, async () => digestRecords(contract, window, await keys())),
  ];
}

/** [UTC midnight lookbackDays before the nightly, readUntil); the epoch when the source's sets cover its whole history. */
export function keySetWindow(contract: Pick<Contract, 'source'>, scheduledAt: Date, readUntil: Date): TimeWindow {
  const days = keySetLookbackDays(contract);
  return { start: days === undefined ? new Date(0) : new Date(floorToDay(scheduledAt).getTime() - days * DAY_MS), end: readUntil };
}

async function collectKeys(stream: RecordStream, window: TimeWindow, options: KeySetStreamOptions, deps: ExtractionDeps): Promise<Map<string, KeyEntry>> {
  const contract = stream.contract;
  const flattener = new RecordFlattener(contract);
  const at = (name: string) => contract.columns.findIndex((c) => c.name === name);
  const [key, cursor, created] = [at(contract.businessKey[0]), at(contract.cursor), at(createdColumnOf(contract))];
  const amountName = digestAmountColumn(contract);
  const amount = amountName === undefined ? -1 : at(amountName);
  const states = digestStates(contract).map((state) => ({ state, index: at(state.column) }));
  const noop = () => undefined;
  const position: StreamPosition = { window, checkpoint: undefined, advanceTo: noop, recordObject: noop, reject: noop };
  const keys = new Map<string, KeyEntry>();
  const progress = new ReadProgress(deps.logger, deps.clock, PROGRESS_EVERY_MS);
  deps.logger.info({ window: { start: window.start.toISOString(), end: window.end.toISOString() } }, 'listing the key set');
  for await (const record of stream.read(position)) {
    progress.count();
    const values = flattener.valuesOf(record, progress.records);
    const createdAt = instantOf(values[created]);
    const id = String(values[key]);
    // An export also sends older records changed in the window: the set holds those created in it.
    if (createdAt === undefined || createdAt < window.start || createdAt >= window.end || options.isDeleted?.(record)) {
      keys.delete(id);
      continue;
    }
    keys.set(id, {
      cursor: values[cursor],
      day: createdAt.toISOString().slice(0, 10),
      amount: amount < 0 ? 0 : Number(values[amount] ?? 0),
      state: states.length ? digestStateTerm([values[key], ...states.map((s) => digestStateValue(s.state, values[s.index]))]) : 0,
    });
  }
  progress.finish({});
  return keys;
}

function keySetRecords(contract: Contract, keyContract: Contract, keys: ReadonlyMap<string, KeyEntry>): SourceRecord[] {
  const [keyColumn, cursorColumn] = [columnNamed(keyContract, contract.businessKey[0]), columnNamed(keyContract, contract.cursor)];
  return [...keys].map(([id, entry]) => atPaths([[keyColumn, id], [cursorColumn, entry.cursor], [columnNamed(keyContract, 'created_day'), entry.day]]));
}

/** One row per day of the window: rows, amount sum, md5 of the day's "key:cursor" pairs in key order and state sum, as the orders DB's digests. */
function digestRecords(contract: Contract, window: TimeWindow, keys: ReadonlyMap<string, KeyEntry>): SourceRecord[] {
  const days = new Map<string, { ids: string[]; amount: number; state: bigint }>();
  const first = window.start.getTime() === 0 ? Math.min(...[...keys.values()].map((k) => Date.parse(k.day))) : window.start.getTime();
  for (let t = first; Number.isFinite(t) && t < window.end.getTime(); t += DAY_MS) days.set(new Date(t).toISOString().slice(0, 10), { ids: [], amount: 0, state: 0n });
  for (const [id, entry] of keys) {
    const day = days.get(entry.day) ?? { ids: [], amount: 0, state: 0n };
    day.ids.push(`${id}:${cursorText(entry.cursor)}`);
    day.amount += entry.amount;
    // A bigint: 2^21 terms of up to 2^32 would pass Number's exact range.
    day.state += BigInt(entry.state);
    days.set(entry.day, day);
  }
  const hasAmount = digestAmountColumn(contract) !== undefined;
  const hasState = digestStateColumns(contract).length > 0;
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, figures]) => ({
    created_day: day,
    row_count: figures.ids.length,
    amount_sum: hasAmount ? String(figures.amount) : null,
    key_hash: createHash('md5').update(figures.ids.sort().join(',')).digest('hex'),
    state_sum: hasState ? String(figures.state) : null,
  }));
}

/** A timestamp as an API sends it: Unix seconds (Stripe) or ISO-8601 text (Zendesk). */
function instantOf(value: unknown): Date | undefined {
  const at = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : value instanceof Date ? value : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

function cursorText(value: unknown): string {
  return instantOf(value)?.toISOString() ?? String(value);
}

function columnNamed(contract: Contract, name: string): Column {
  const column = contract.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${contract.source}.${contract.entity}: no column ${name}`);
  return column;
}

/** A record holding each value where its column reads it (its `source` path, or its name). */
function atPaths(entries: readonly (readonly [Column, unknown])[]): SourceRecord {
  const record: Record<string, unknown> = {};
  for (const [column, value] of entries) {
    const path = (column.source ?? column.name).split('.');
    let node = record;
    for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = value;
  }
  return record;
}

async function* fromPromise(records: Promise<readonly SourceRecord[]>): AsyncGenerator<SourceRecord> {
  yield* await records;
}
