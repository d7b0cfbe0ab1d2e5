import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PipelineHarness } from './pipeline-harness';

/** Where a clear value was found, and which. */
export interface ClearPiiFinding {
  readonly where: string;
  readonly value: string;
}

/**
 * The clear values to look for. Emails and phone numbers are distinctive, so
 * they are looked for inside any text (JSON, log lines, messages); names
 * come from short lists ("Uma", "Rosa") that ordinary words contain, so they
 * count only as a whole cell or a whole word.
 */
export class ClearPiiValues {
  private readonly distinctive: string[];
  private readonly words: Set<string>;

  constructor(values: Iterable<string>) {
    const all = [...new Set(values)].filter((v) => v.length > 0);
    this.distinctive = all.filter((v) => v.includes('@') || /^\+?\d{7,}$/.test(v));
    this.words = new Set(all);
  }

  get size(): number {
    return this.words.size;
  }

  /** The first clear value `text` holds, if any. */
  foundIn(text: string): string | undefined {
    if (this.words.has(text)) return text;
    const inside = this.distinctive.find((v) => text.includes(v));
    if (inside) return inside;
    return text.split(/[^\p{L}'-]+/u).find((word) => this.words.has(word));
  }
}

/** Every table of the warehouse, every schema (ops included), cell by cell. */
export async function scanWarehouse(harness: PipelineHarness, clear: ClearPiiValues): Promise<{ tables: number; findings: ClearPiiFinding[] }> {
  const tables = await harness.query<{ table_schema: string; table_name: string }>(
    "select table_schema, table_name from information_schema.tables where table_schema not in ('information_schema', 'pg_catalog') order by 1, 2",
  );
  const findings: ClearPiiFinding[] = [];
  for (const t of tables) {
    const rows = await harness.query('select * from {{ t }}', {}, { t: `${t.table_schema}.${t.table_name}` });
    findings.push(...scanRows(`${t.table_schema}.${t.table_name}`, rows, clear));
  }
  return { tables: tables.length, findings };
}

/** Every file under `dir`: Parquet read through DuckDB, everything else as text; the warehouse file itself is scanned table by table. */
export async function scanFiles(harness: PipelineHarness, dir: string, clear: ClearPiiValues): Promise<{ parquet: number; text: number; findings: ClearPiiFinding[] }> {
  const counts = { parquet: 0, text: 0 };
  const findings: ClearPiiFinding[] = [];
  for (const file of filesUnder(dir)) {
    if (/\.duckdb(\.wal)?$/.test(file)) continue;
    if (file.endsWith('.parquet')) {
      counts.parquet++;
      findings.push(...scanRows(file, await harness.query('select * from read_parquet(:file)', { file }), clear));
    } else {
      counts.text++;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const value = clear.foundIn(line);
        if (value) findings.push({ where: `${file}:${i + 1}`, value });
      });
    }
  }
  return { ...counts, findings };
}

function scanRows(where: string, rows: readonly Record<string, unknown>[], clear: ClearPiiValues): ClearPiiFinding[] {
  const findings: ClearPiiFinding[] = [];
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (cell === null || cell === undefined) continue;
      const value = clear.foundIn(typeof cell === 'object' ? JSON.stringify(cell) : String(cell));
      if (value) findings.push({ where: `${where}.${column}`, value });
    }
  }
  return findings;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
