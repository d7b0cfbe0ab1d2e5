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

/** A good row's fields in shipmentsContract's column order, as CSV field text for the Parquet writer (null: no value). */
export type ShipmentFields = readonly (string | null)[];

export type MappedRow =
  | { readonly ok: true; readonly fields: ShipmentFields }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

/** A header that breaks the partner's mapping: the file is quarantined, not half-loaded. */
export class BreakingHeaderError extends DataContractError {}

const required: ReadonlySet<PartnerMappedColumn> = new Set(
  partnerMappedColumns.filter((name) => !shipmentsContract.columns.find((c) => c.name === name)?.nullable),
);
// map() writes the fields literally in these orders (values[0] is shipment_id, ...); a change to either list must change it too.
const MAPPED_ORDER = 'shipment_id,order_id,carrier,tracking_number,status,status_at,ship_to_postcode,weight_kg';
const CONTRACT_ORDER = 'partner,shipment_id,order_id,carrier,tracking_number,status,status_at,ship_to_postcode,weight_kg,file_name,file_line,unmapped_columns';
if (partnerMappedColumns.join(',') !== MAPPED_ORDER) throw new Error(`shipment-row-mapper: partnerMappedColumns changed (${partnerMappedColumns.join(',')}); update map()`);
const contractOrder = shipmentsContract.columns.map((c) => c.name).join(',');
if (contractOrder !== CONTRACT_ORDER) throw new Error(`shipment-row-mapper: the shipments contract's columns changed (${contractOrder}); update map()`);
const contractPaths = new Set(shipmentsContract.columns.map((c) => c.name));
const weightScale = (() => {
  const type = shipmentsContract.columns.find((c) => c.name === 'weight_kg')?.type;
  return type?.kind === 'decimal' ? type.scale : 3;
})();

/**
 * Turns one partner file's rows into shipments rows: the header is matched
 * to the partner's mapping (trimmed, case-insensitive), each field read by
 * its column's type in the partner's formats and written as the text the
 * record-stream runtime would write for it (integers, ISO-8601 UTC
 * instants, plain decimals, JSON). Columns the mapping does not take are
 * kept (unmapped_columns) and surface as drift (unknownFields).
 */
export class ShipmentRowMapper {
  /** Per mapped column, in partnerMappedColumns' order: where it is in the row, how it is read, whether it may be empty. */
  private readonly columns: readonly MappedColumn[];
  private readonly unmapped: readonly { readonly name: string; readonly index: number; readonly field: string }[];
  private readonly width: number;
  private readonly nulls: ReadonlySet<string>;

  constructor(private readonly format: PartnerFormat, header: CsvRow, private readonly fileKey: string) {
    const names = header.fields.map((f) => f.trim().toLowerCase());
    const missing: string[] = [];
    const parsers: Partial<Record<PartnerMappedColumn, (text: string) => Parsed<unknown>>> = {
      order_id: integerParser(format), status_at: timestampParser(format), weight_kg: decimalParser(format, weightScale),
    };
    this.columns = partnerMappedColumns.map((name) => {
      const index = names.indexOf(format.columns[name].trim().toLowerCase());
      if (index < 0) missing.push(`${name} ("${format.columns[name]}")`);
      return { name, index, parse: parsers[name], required: required.has(name) };
    });
    if (missing.length > 0) {
      throw new BreakingHeaderError(`${fileKey} line ${header.line}: the header lacks the mapped column(s) ${missing.join(', ')} of partner ${format.name}; it has ${header.fields.map((f) => `"${f}"`).join(', ')}`);
    }
    const taken = new Set(this.columns.map((c) => c.index));
    this.unmapped = header.fields.flatMap((name, i) => (taken.has(i) ? [] : [{ name, index: i, field: contractPaths.has(name) ? `header:${name}` : name }]));
    this.width = header.fields.length;
    this.nulls = new Set(['', ...format.nullValues]);
  }

  /** The header columns no contract column takes: additive drift. */
  unmappedColumns(): readonly string[] {
    return this.unmapped.map((u) => u.name);
  }

  /** The fields no contract column reads in each good row, as the runtime names them for drift (header names; `header:<name>` for one a contract column is named). */
  unknownFields(): readonly string[] {
    return [...new Set(this.unmapped.map((u) => u.field))];
  }

  map(row: CsvRow): MappedRow {
    const shape = this.shapeProblem(row);
    if (shape) return { ok: false, problems: [shape] };
    // Values land in a fixed-shape record (one hidden class for every row); problems are only allocated for a bad row.
    const values: unknown[] = new Array(this.columns.length);
    let problems: RowProblem[] | undefined;
    for (let c = 0; c < this.columns.length; c++) {
      const column = this.columns[c];
      const text = row.fields[column.index];
      if (this.nulls.has(text)) {
        values[c] = null;
        if (column.required) (problems ??= []).push({ line: row.line, column: column.name, value: null, expected: column.name === 'shipment_id' ? 'a value (the business key)' : 'a value' });
        continue;
      }
      if (!column.parse) {
        values[c] = text;
        continue;
      }
      const parsed = column.parse(text);
      if (parsed.ok) values[c] = parsed.value;
      else (problems ??= []).push({ line: row.line, column: column.name, value: text, expected: parsed.expected });
    }
    if (problems) return { ok: false, problems };
    const orderId = values[1] as number | null;
    const fields: (string | null)[] = [
      this.format.name, values[0] as string, orderId === null ? null : String(orderId), values[2] as string | null, values[3] as string | null,
      values[4] as string | null, values[5] as string | null, values[6] as string | null, values[7] as string | null, this.fileKey, String(row.line),
      this.unmapped.length > 0 ? this.unmappedJson(row) : null,
    ];
    return { ok: true, fields };
  }

  /** Fewer fields than the header, or more that are not empty padding. */
  private shapeProblem(row: CsvRow): RowProblem | undefined {
    const fields = row.fields;
    if (fields.length === this.width) return undefined;
    if (fields.length > this.width && fields.slice(this.width).every((f) => f === '')) return undefined;
    return { line: row.line, column: '(row)', value: null, expected: `${this.width} fields as in the header, found ${fields.length}` };
  }

  private unmappedJson(row: CsvRow): string {
    const kept: Record<string, string | null> = {};
    for (const { name, index } of this.unmapped) {
      const text = row.fields[index];
      kept[name] = this.nulls.has(text) ? null : text;
    }
    return JSON.stringify(kept);
  }
}

interface MappedColumn {
  readonly name: PartnerMappedColumn;
  readonly index: number;
  readonly parse: ((text: string) => Parsed<unknown>) | undefined;
  readonly required: boolean;
}
