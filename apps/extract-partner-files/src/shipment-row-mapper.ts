import { DataContractError } from '@northstar/core';
import { partnerMappedColumns, shipmentsContract, type PartnerFormat, type PartnerMappedColumn } from '@northstar/contracts';
import type { CsvRow } from './partner-csv-rows';
import { decimalParser, integerParser, timestampParser, type Parsed } from './partner-field-parsers';

/** A field that failed its column's expectation; `value` is the raw text (null when empty). */
export interface RowProblem {
  readonly line: number;
  readonly column: string;
  readonly value: string | null;
  readonly expected: string;
}

export type MappedRow =
  | { readonly ok: true; readonly record: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

/** A header that breaks the partner's mapping: the file is quarantined, not half-loaded. */
export class BreakingHeaderError extends DataContractError {}

const required: ReadonlySet<PartnerMappedColumn> = new Set(
  partnerMappedColumns.filter((name) => !shipmentsContract.columns.find((c) => c.name === name)?.nullable),
);
const contractPaths = new Set(shipmentsContract.columns.map((c) => c.name));
const weightScale = (() => {
  const type = shipmentsContract.columns.find((c) => c.name === 'weight_kg')?.type;
  return type?.kind === 'decimal' ? type.scale : 3;
})();

/**
 * Turns one partner file's rows into shipments records: the header is
 * matched to the partner's mapping (trimmed, case-insensitive), each field
 * read by its column's type in the partner's formats. Columns the mapping
 * does not take are kept (unmapped_columns) and surface as drift.
 */
export class ShipmentRowMapper {
  private readonly index: Readonly<Record<PartnerMappedColumn, number>>;
  private readonly unmapped: readonly { readonly name: string; readonly index: number; readonly field: string }[];
  private readonly width: number;
  private readonly nulls: ReadonlySet<string>;
  private readonly parse: Readonly<Record<'order_id' | 'status_at' | 'weight_kg', (text: string) => Parsed<unknown>>>;

  constructor(private readonly format: PartnerFormat, header: CsvRow, private readonly fileKey: string) {
    const names = header.fields.map((f) => f.trim().toLowerCase());
    const index = {} as Record<PartnerMappedColumn, number>;
    const missing: string[] = [];
    for (const column of partnerMappedColumns) {
      const at = names.indexOf(format.columns[column].trim().toLowerCase());
      if (at < 0) missing.push(`${column} ("${format.columns[column]}")`);
      index[column] = at;
    }
    if (missing.length > 0) {
      throw new BreakingHeaderError(`${fileKey} line ${header.line}: the header lacks the mapped column(s) ${missing.join(', ')} of partner ${format.name}; it has ${header.fields.map((f) => `"${f}"`).join(', ')}`);
    }
    const taken = new Set(Object.values(index));
    this.index = index;
    this.unmapped = header.fields.flatMap((name, i) => (taken.has(i) ? [] : [{ name, index: i, field: contractPaths.has(name) ? `header:${name}` : name }]));
    this.width = header.fields.length;
    this.nulls = new Set(['', ...format.nullValues]);
    this.parse = { order_id: integerParser(format), status_at: timestampParser(format), weight_kg: decimalParser(format, weightScale) };
  }

  /** The header columns no contract column takes: additive drift. */
  unmappedColumns(): readonly string[] {
    return this.unmapped.map((u) => u.name);
  }

  map(row: CsvRow): MappedRow {
    const shape = this.shapeProblem(row);
    if (shape) return { ok: false, problems: [shape] };
    const problems: RowProblem[] = [];
    const record: Record<string, unknown> = { partner: this.format.name, file_name: this.fileKey, file_line: row.line };
    for (const column of partnerMappedColumns) {
      const text = row.fields[this.index[column]];
      const value = this.nulls.has(text) ? null : text;
      if (value === null) {
        if (required.has(column)) problems.push({ line: row.line, column, value: null, expected: column === 'shipment_id' ? 'a value (the business key)' : 'a value' });
        record[column] = null;
        continue;
      }
      const parser = (this.parse as Partial<Record<PartnerMappedColumn, (text: string) => Parsed<unknown>>>)[column];
      const parsed = parser ? parser(value) : { ok: true as const, value };
      if (parsed.ok) record[column] = parsed.value;
      else problems.push({ line: row.line, column, value, expected: parsed.expected });
    }
    if (problems.length > 0) return { ok: false, problems };
    if (this.unmapped.length > 0) this.keepUnmapped(row, record);
    return { ok: true, record };
  }

  /** Fewer fields than the header, or more that are not empty padding. */
  private shapeProblem(row: CsvRow): RowProblem | undefined {
    const extra = row.fields.slice(this.width);
    if (row.fields.length >= this.width && extra.every((f) => f === '')) return undefined;
    return { line: row.line, column: '(row)', value: null, expected: `${this.width} fields as in the header, found ${row.fields.length}` };
  }

  private keepUnmapped(row: CsvRow, record: Record<string, unknown>): void {
    const kept: Record<string, string | null> = {};
    for (const { name, index, field } of this.unmapped) {
      const text = row.fields[index];
      const value = this.nulls.has(text) ? null : text;
      kept[name] = value;
      // At the top level too, so the runtime counts it as a field no contract column reads (drift).
      record[field] = value;
    }
    record['unmapped_columns'] = kept;
  }
}
