import { silentLogger } from '@northstar/core';
import { col, defineContract, nullable, type Contract } from '@northstar/contracts';
import { duckdbDialect, parseCreateTable, parseSqlTemplate, renderSql, snowflakeDialect } from '@northstar/sql';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import type { Model } from './model-catalog';
import { runModels } from './model-runner';
import { renderModel } from './render-model';
import { stagedStateColumnNamed, stagingModel } from './staging-model';
import { landRawRows } from './testing';

// A composite business key, a renamed key part, a cursor under another name and a cast.
const lines: Contract = defineContract({
  source: 'partner_files',
  entity: 'spec_lines',
  version: '1.0.0',
  description: 'Spec only: lines keyed by partner and line number.',
  businessKey: ['partner', 'line_no'],
  cursor: 'changed',
  biFacing: false,
  columns: [
    col.string('partner', nullable()),
    col.integer('line_no', nullable()),
    col.string('state'),
    col.integer('amount_cents'),
    col.timestamp('changed'),
  ],
});

const header = (keys: string, dependsOn = 'raw.partner_files__spec_lines') =>
  `-- name: stg_partner_files__spec_lines\n-- grain: one row per partner line\n-- keys: ${keys}\n-- depends-on: ${dependsOn}\n--\n`;
const select = `select
  lower(partner) as partner_code,
  line_no as line_number,
  upper(state) as line_state,
  cast(amount_cents / 100.0 as decimal(12, 2)) as amount,
  changed as changed_at
from {{ source }}`;

function modelOf(text: string): Model {
  const template = parseSqlTemplate(text, 'stg_partner_files__spec_lines.sql');
  const file: Model = { name: template.name, layer: 'staging', target: `staging.${template.name}`, template, dependsOn: template.dependsOn, tracks: [] };
  return stagingModel(file, [lines]);
}

describe('stagingModel: a staging file\'s select on the staging template', () => {
  const model = modelOf(header('partner_code, line_number') + select);
  const batch = { processed_through: new Date(0), batch_end: new Date(0), now: new Date(0), run_id: 'r' };

  it('declares the selected columns with the contract\'s types (or the cast\'s), the key not null, then the lineage columns', () => {
    for (const dialect of [duckdbDialect, snowflakeDialect]) {
      const ddl = parseCreateTable(renderModel(model, dialect, batch)[0].sql);
      expect(ddl.table).toBe('staging.stg_partner_files__spec_lines');
      expect(ddl.columns.map((c) => `${c.name} ${c.type}`).slice(0, 5)).toEqual([
        `partner_code varchar`,
        `line_number ${dialect.typeName({ kind: 'integer' })}`,
        `line_state varchar`,
        `amount ${dialect.typeName({ kind: 'decimal', precision: 12, scale: 2 })}`,
        `changed_at ${dialect.typeName({ kind: 'timestamp' })}`,
      ]);
      expect(ddl.columns.map((c) => c.name).slice(5)).toEqual(['is_deleted', 'deleted_at', '_row_hash', '_run_id', '_source_file', '_row_number', '_extracted_at', '_loaded_at', '_staged_at']);
    }
    expect(model.tracks).toEqual([{ table: 'raw.partner_files__spec_lines', column: '_loaded_at' }]);
  });

  it('refuses a header whose keys are not the contract\'s key as selected, and an untyped expression', () => {
    expect(() => modelOf(header('partner, line_no') + select)).toThrow('must name the contract\'s business key as the select names it: keys: partner_code, line_number');
    expect(() => modelOf(header('partner_code, line_number') + select.replace('changed as changed_at', 'changed as changed_at, length(state) as state_length'))).toThrow(
      'column state_length (length(state)): write its type as cast(... as <type>)',
    );
    expect(() => modelOf(header('partner_code, line_number') + select.replace('changed as changed_at', 'cast(null as {{ ts_type() }}) as changed_at'))).toThrow('the contract\'s cursor changed must be selected once');
    expect(() => modelOf(header('partner_code, line_number') + select.replace('changed as changed_at', 'updated_at'))).toThrow('selects updated_at, which the contract partner_files.spec_lines does not declare');
    expect(() => modelOf(header('partner_code, line_number', 'raw.orders_db__orders') + select)).toThrow('exactly one raw table with a contract');
    expect(() => modelOf(header('partner_code, line_number') + select.replace('{{ source }}', 'raw.partner_files__spec_lines'))).toThrow('reads "from {{ source }}"');
    expect(() => modelOf(header('partner_code, line_number').replace('--\n', '-- tie-break: amount_cents\n--\n') + select)).toThrow('"tie-break: amount_cents" must name a column the select makes');
  });

  it('orders versions by a tie-break after the cursor and takes delete flags from the record when the header says so, and only then', () => {
    const plain = renderModel(model, duckdbDialect, batch)[2].sql;
    const flagged = renderModel(modelOf(header('partner_code, line_number').replace('--\n', "-- tie-break: amount\n-- deleted-when: state = 'gone'\n--\n") + select), duckdbDialect, batch)[2].sql;
    expect(plain).not.toMatch(/_deleted_in_record|"?amount"? desc/);
    expect(plain).toContain('is_deleted = case when source.changed_at > target.deleted_at then false else target.is_deleted end');
    expect(flagged).toContain('order by changed_at desc nulls last, amount desc nulls last, _extracted_at desc');
    expect(flagged).toContain('or (source.changed_at = target.changed_at and source.amount > target.amount)');
    expect(flagged).toContain("coalesce(state = 'gone', false) as _deleted_in_record");
    expect(flagged).toContain('is_deleted = source._deleted_in_record,\n  deleted_at = case when source._deleted_in_record then source.changed_at end');
  });

  describe('on DuckDB', () => {
    let db: TempDuckDb;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 10, 2, 8, 0, 0) + ++tick);
    const land = (rows: Record<string, string | number | null>[], runId: string, extractedAt = '2026-11-02 07:00:00+00') =>
      landRawRows(db.warehouse, lines, rows, { runId, extractedAt, loadedAt: clock() });
    const run = () => runModels([model], { warehouse: db.warehouse, logger: silentLogger(), clock, runId: `m${tick}` });
    const staged = () => db.warehouse.query(renderSql('select partner_code, line_number, line_state, amount from staging.stg_partner_files__spec_lines order by 1, 2', duckdbDialect));

    beforeAll(async () => {
      db = await openTempDuckDb();
      await ensureWarehouseSchemas(db.warehouse);
    });
    afterAll(() => db?.dispose());

    it('keeps one row per composite key, the latest by cursor, and quarantines a row missing any key part', async () => {
      await land([
        { partner: 'ACME', line_no: 1, state: 'new', amount_cents: 1000, changed: '2026-11-01 10:00:00+00' },
        { partner: 'ACME', line_no: 1, state: 'shipped', amount_cents: 1000, changed: '2026-11-01 11:00:00+00' },
        { partner: 'ACME', line_no: 2, state: 'new', amount_cents: 250, changed: '2026-11-01 10:00:00+00' },
        { partner: 'Zed', line_no: 1, state: 'new', amount_cents: 5, changed: '2026-11-01 10:00:00+00' },
        { partner: 'ACME', line_no: null, state: 'new', amount_cents: 1, changed: '2026-11-01 10:00:00+00' },
      ], 'r1');
      await run();
      expect(await staged()).toEqual([
        { partner_code: 'acme', line_number: 1, line_state: 'SHIPPED', amount: '10.00' },
        { partner_code: 'acme', line_number: 2, line_state: 'NEW', amount: '2.50' },
        { partner_code: 'zed', line_number: 1, line_state: 'NEW', amount: '0.05' },
      ]);
      expect(await db.warehouse.query(renderSql('select entity, reason from ops.quarantine', duckdbDialect))).toEqual([
        { entity: 'spec_lines', reason: 'partner or line_no is null: the business key is missing' },
      ]);
    });

    it('updates a key only from a newer version, or an equal one with other content extracted later', async () => {
      await land([
        { partner: 'ACME', line_no: 1, state: 'new', amount_cents: 1000, changed: '2026-11-01 10:30:00+00' }, // older: ignored
        { partner: 'ACME', line_no: 2, state: 'cancelled', amount_cents: 250, changed: '2026-11-01 10:00:00+00' }, // same cursor, new content
      ], 'r2', '2026-11-02 08:00:00+00');
      await run();
      expect(await staged()).toEqual([
        { partner_code: 'acme', line_number: 1, line_state: 'SHIPPED', amount: '10.00' },
        { partner_code: 'acme', line_number: 2, line_state: 'CANCELLED', amount: '2.50' },
        { partner_code: 'zed', line_number: 1, line_state: 'NEW', amount: '0.05' },
      ]);
    });
  });
});

describe('stagedStateColumnNamed: the staged name of a digest state column', () => {
  const file = parseSqlTemplate(header('partner_code, line_number') + select, 'stg_partner_files__spec_lines.sql');

  it('takes a column staged as itself or renamed, and refuses a transformed one, which would hash unlike the source', () => {
    expect(stagedStateColumnNamed(file, lines, { column: 'line_no', lower: false })).toBe('line_number');
    expect(() => stagedStateColumnNamed(file, lines, { column: 'state', lower: false })).toThrow(/digest state column state is staged as upper\(state\)/);
    expect(() => stagedStateColumnNamed(file, lines, { column: 'state', lower: true })).toThrow(/staged as upper\(state\); the state hash needs it as itself or renamed, or lower-cased$/);
  });

  it('takes a lower-cased column for a state declared lower(<column>), and refuses it for one declared as the column', () => {
    const lowered = parseSqlTemplate(header('partner_code, line_number') + select.replace('upper(state)', 'lower( state )'), 'stg_partner_files__spec_lines.sql');
    expect(stagedStateColumnNamed(lowered, lines, { column: 'state', lower: true })).toBe('line_state');
    expect(stagedStateColumnNamed(file, lines, { column: 'line_no', lower: true })).toBe('line_number');
    expect(() => stagedStateColumnNamed(lowered, lines, { column: 'state', lower: false })).toThrow('(declare lower(state) for a lower-cased one)');
  });
});
