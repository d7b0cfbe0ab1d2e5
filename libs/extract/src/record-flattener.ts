import { DataContractError } from '@northstar/core';
import { logicalTypeName, sourceValue, sourceValueReader, type Column, type Contract } from '@northstar/contracts';
import type { SourceRecord } from './record-stream';

/**
 * Distinct unknown field names kept per run. A source that puts free-form
 * keys at the top level would otherwise grow the set (and the manifest) with
 * every record; past the cap, only fields already seen are counted.
 */
const MAX_UNKNOWN_FIELDS = 200;

/**
 * Turns source records into contract-ordered values, reading each column at
 * its source path (`metadata.order_id`). A required column the record lacks
 * (or holds as null) stops the run (exit 3) naming the record and the field;
 * a field no column reads is counted, since it is the first sign of a
 * column the contract should add.
 */
export class RecordFlattener {
  private readonly paths: ReadonlySet<string>;
  /** Proper prefixes of the columns' paths: objects the walk goes into. */
  private readonly parents: ReadonlySet<string>;
  private readonly unknown = new Map<string, number>();
  private readonly readers: readonly ((record: unknown) => unknown)[];

  constructor(private readonly contract: Contract) {
    this.readers = contract.columns.map(sourceValueReader);
    const paths = contract.columns.map(pathOf);
    this.paths = new Set(paths);
    this.parents = new Set(paths.flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  }

  /** Values in contract column order; `recordNumber` is 1-based within the run, for errors. */
  valuesOf(record: SourceRecord, recordNumber: number): unknown[] {
    this.noteUnknownFields(record, '');
    const columns = this.contract.columns;
    const values: unknown[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = this.readers[c](record);
      if ((value === undefined || value === null) && !columns[c].nullable) throw this.refusal(record, recordNumber, columns[c], value);
      values[c] = value ?? null;
    }
    return values;
  }

  /** Unknown field paths (sorted) with the number of records that held each. */
  unknownFields(): Record<string, number> {
    return Object.fromEntries([...this.unknown.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private noteUnknownFields(value: object, prefix: string): void {
    // for-in over a record's own keys, not Object.entries: no array of pairs per record (docs/performance.md D22).
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const child = (value as Record<string, unknown>)[key];
      const path = prefix + key;
      if (this.paths.has(path)) continue;
      if (this.parents.has(path) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        this.noteUnknownFields(child, `${path}.`);
        continue;
      }
      this.countUnknown(path, 1);
    }
  }

  /** Unknown fields a stream counted itself (EncodedRecords), under the same cap. */
  addUnknownFields(counts: Readonly<Record<string, number>>): void {
    for (const [path, records] of Object.entries(counts)) this.countUnknown(path, records);
  }

  private countUnknown(path: string, records: number): void {
    const count = this.unknown.get(path);
    if (count !== undefined) this.unknown.set(path, count + records);
    else if (this.unknown.size < MAX_UNKNOWN_FIELDS) this.unknown.set(path, records);
  }

  private refusal(record: SourceRecord, recordNumber: number, column: Column, value: null | undefined): DataContractError {
    const { source, entity, version } = this.contract;
    const where = column.source ? `field "${column.source}" (column ${column.name})` : `field "${column.name}"`;
    const state = value === undefined ? 'is missing' : 'is null';
    return new DataContractError(
      `${source}/${entity} record ${recordNumber}${this.keyOf(record)}: ${where} ${state}; contract v${version} requires a ${logicalTypeName(column.type)} there`,
    );
  }

  /** The record's business key, to find it in the source; PII keys are never shown. */
  private keyOf(record: SourceRecord): string {
    const parts = this.contract.businessKey.flatMap((name) => {
      const column = this.contract.columns.find((c) => c.name === name);
      const value = column && !column.pii ? sourceValue(record, column) : undefined;
      return value === undefined || value === null || typeof value === 'object' ? [] : [`${name} ${String(value)}`];
    });
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  }
}

function pathOf(column: Column): string {
  return column.source ?? column.name;
}
