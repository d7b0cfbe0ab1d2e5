import type { Readable } from 'node:stream';
import { DataContractError } from '@northstar/core';
import { shipmentsContract, type PartnerFormat } from '@northstar/contracts';
import { csvRecordsText } from '@northstar/extract';
import { maskValue } from '@northstar/parquet';
import { openCsvFile } from './partner-csv-rows';
import { ShipmentRowMapper, type RowProblem, type ShipmentFields } from './shipment-row-mapper';

/** Opens the object's bytes afresh (a GetObject per call). */
export type OpenObject = () => Promise<Readable>;

/** What the pass over a file decided. */
export interface FileVerdict {
  readonly outcome: 'taken' | 'quarantined';
  /** Why a quarantined file was: the header, a key column empty throughout, a type that no longer parses, too many bad rows, unreadable bytes. */
  readonly reason?: string;
  readonly rowsTaken: number;
  readonly rowsRejected: number;
  /** The bad rows' problems, PII masked, at most the partner's threshold + 1 of them. */
  readonly problems: readonly RowProblem[];
  /** Header columns the mapping does not take (additive drift). */
  readonly unmapped: readonly string[];
  /** The fields each taken row holds that no contract column reads, named as the runtime counts them for drift. */
  readonly unknownFields: readonly string[];
}

const typedColumns = ['order_id', 'status_at', 'weight_kg'] as const;
const piiColumns = new Set(shipmentsContract.columns.filter((c) => c.pii).map((c) => c.name));

/** Good rows per batch handed to the sink: about 0.5 MB of CSV text. */
const BATCH_ROWS = 4096;

/** Takes a file's good rows as they are read: CSV text in contract column order (csvRecordsText), `rows` records. */
export type GoodRowSink = (csv: string, rows: number) => void;

/**
 * One pass over a partner file: every row is read and checked, the good
 * ones handed to `sink` as CSV text, nothing kept but counts and the first
 * bad rows, so memory stays flat. The verdict comes at the end: a file is
 * quarantined whole when its header breaks the mapping, its bytes or
 * quoting cannot be read, its key column is empty in every row, a typed
 * column parses in no row (the partner changed a format), or more rows are
 * bad than the partner allows; otherwise its good rows load (the caller
 * keeps what the sink took until then) and its bad rows go to
 * ops.quarantine. Without a sink the rows are checked only.
 */
export async function readPartnerFile(open: OpenObject, key: string, format: PartnerFormat, maskKey: string | undefined, sink?: GoodRowSink): Promise<FileVerdict> {
  const counts = { rows: 0, rejected: 0, keys: 0, failed: new Map<string, number>() };
  const problems: RowProblem[] = [];
  let unmapped: readonly string[] = [];
  let unknownFields: readonly string[] = [];
  try {
    const file = await openCsvFile(await open(), key, format);
    const mapper = new ShipmentRowMapper(format, file.header, key);
    unmapped = mapper.unmappedColumns();
    unknownFields = mapper.unknownFields();
    let good: ShipmentFields[] = [];
    for await (const batch of file.batches) {
      for (const row of batch) {
        counts.rows++;
        const mapped = mapper.map(row);
        const keyText = mapped.ok ? mapped.fields[1] : mapped.problems.some((p) => p.column === 'shipment_id') ? null : 'present';
        if (keyText !== null) counts.keys++;
        if (mapped.ok) {
          if (sink && good.push(mapped.fields) === BATCH_ROWS) {
            sink(csvRecordsText(good), good.length);
            good = [];
          }
          continue;
        }
        counts.rejected++;
        for (const problem of mapped.problems) {
          if (problem.value !== null) counts.failed.set(problem.column, (counts.failed.get(problem.column) ?? 0) + 1);
          if (problems.length <= format.maxRowErrors) problems.push(masked(problem, maskKey));
        }
      }
    }
    if (sink && good.length > 0) sink(csvRecordsText(good), good.length);
  } catch (error) {
    if (!(error instanceof DataContractError)) throw error;
    return { outcome: 'quarantined', reason: error.message, rowsTaken: 0, rowsRejected: counts.rejected, problems, unmapped, unknownFields };
  }
  const reason = breakingReason(counts, key, format);
  if (reason) return { outcome: 'quarantined', reason, rowsTaken: 0, rowsRejected: counts.rejected, problems, unmapped, unknownFields };
  return { outcome: 'taken', rowsTaken: counts.rows - counts.rejected, rowsRejected: counts.rejected, problems, unmapped, unknownFields };
}

function breakingReason(counts: { rows: number; rejected: number; keys: number; failed: Map<string, number> }, key: string, format: PartnerFormat): string | undefined {
  if (counts.rows > 0 && counts.keys === 0) return `${key}: the key column shipment_id ("${format.columns.shipment_id}") is empty in every one of its ${counts.rows} rows`;
  if (counts.rows > 0 && counts.rejected === counts.rows) {
    const column = typedColumns.find((c) => (counts.failed.get(c) ?? 0) === counts.rows);
    if (column) return `${key}: column ${column} ("${format.columns[column]}") parses in none of its ${counts.rows} rows; partner ${format.name}'s format for it may have changed`;
  }
  if (counts.rejected > format.maxRowErrors) return `${key}: ${counts.rejected} of its ${counts.rows} rows are bad, more than partner ${format.name}'s threshold of ${format.maxRowErrors}`;
  return undefined;
}

function masked(problem: RowProblem, maskKey: string | undefined): RowProblem {
  if (problem.value === null || !piiColumns.has(problem.column)) return problem;
  return { ...problem, value: maskKey ? maskValue(maskKey, problem.value) : '(PII, not kept)' };
}
