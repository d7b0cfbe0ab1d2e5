import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSqlTemplate, parseSqlTemplate } from './sql-template';

describe('SQL templates', () => {
  it('reads the header and keeps the body apart', () => {
    const template = parseSqlTemplate(
      ['-- name:       fct_orders', '-- grain:      one row per order', '-- depends-on: stg_a, stg_b,', '--             dim_c', 'select 1', 'from final', ''].join('\n'),
      'fct_orders.sql',
    );
    expect(template).toEqual({
      file: 'fct_orders.sql',
      name: 'fct_orders',
      header: { name: 'fct_orders', grain: 'one row per order', 'depends-on': 'stg_a, stg_b, dim_c' },
      dependsOn: ['stg_a', 'stg_b', 'dim_c'],
      body: 'select 1\nfrom final',
    });
  });

  it('treats "none" as no dependencies', () => {
    expect(parseSqlTemplate('-- name: a\n-- depends-on: none\nselect 1', 'a.sql').dependsOn).toEqual([]);
  });

  it('ends the header at a bare "--", keeping later comments in the body', () => {
    const template = parseSqlTemplate('-- name: a\n-- depends-on: b\n--\n-- Why this model dedups by key.\nselect 1', 'a.sql');
    expect(template.dependsOn).toEqual(['b']);
    expect(template.body).toBe('-- Why this model dedups by key.\nselect 1');
  });

  it('requires a name', () => {
    expect(() => parseSqlTemplate('-- grain: x\nselect 1', 'x.sql')).toThrow('x.sql: the header must start with "-- name: <model name>"');
  });

  it('loads a file, handling CRLF line ends', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sql-template-')), 'm.sql');
    writeFileSync(file, '-- name: m\r\nselect 1\r\n');
    expect(loadSqlTemplate(file)).toMatchObject({ file, name: 'm', body: 'select 1' });
  });
});
