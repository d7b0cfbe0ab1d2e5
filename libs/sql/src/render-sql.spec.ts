import { duckdbDialect, snowflakeDialect } from './dialect';
import { fragment, renderSql } from './render-sql';
import { parseSqlTemplate } from './sql-template';

describe('renderSql', () => {
  it('turns named parameters into numbered binds, once per name', () => {
    const sql = 'select * from t where a = :start and b < :end and c >= :start';
    expect(renderSql(sql, duckdbDialect, { params: { start: 1, end: 2 } })).toEqual({
      sql: 'select * from t where a = $1 and b < $2 and c >= $1',
      binds: [1, 2],
    });
    expect(renderSql(sql, snowflakeDialect, { params: { start: 1, end: 2 } }).sql).toBe('select * from t where a = :1 and b < :2 and c >= :1');
  });

  it('quotes identifiers part by part, and splices fragments as given', () => {
    const rendered = renderSql('select {{ cols }} from {{ table }}', snowflakeDialect, {
      idents: { table: 'raw.Order Lines' },
      fragments: { cols: fragment('a, b') },
    });
    expect(rendered.sql).toBe('select a, b from raw."ORDER LINES"');
  });

  it('expands dialect macros with nested arguments', () => {
    const rendered = renderSql('select {{ hash_key(coalesce(a, b), c) }}, {{current_ts()}}', snowflakeDialect);
    expect(rendered.sql).toContain('cast(coalesce(a, b) as varchar)');
    expect(rendered.sql).toContain('cast(c as varchar)');
    expect(rendered.sql).toMatch(/, current_timestamp\(\)$/);
  });

  it('leaves string literals, quoted names and comments alone', () => {
    const sql = [
      "select ':not_a_param' as \"col:x\", 'it''s :here' -- :comment, don't",
      '/* :block, isn\'t bound */ from t where x = :x',
    ].join('\n');
    expect(renderSql(sql, duckdbDialect, { params: { x: 5 } })).toEqual({
      sql: sql.replace('= :x', '= $1'),
      binds: [5],
    });
  });

  it('expands no placeholder inside a string literal, quoted name or comment', () => {
    const sql = [
      "select {{ t }}.a, '{{ t }} stays' as \"{{ t }}\" -- {{ missing }} is not asked for",
      "/* {{ missing(1) }} */ from {{ t }} where b = 'x{{'",
    ].join('\n');
    expect(renderSql(sql, duckdbDialect, { idents: { t: 'raw.orders' } }).sql).toBe([
      "select raw.orders.a, '{{ t }} stays' as \"{{ t }}\" -- {{ missing }} is not asked for",
      "/* {{ missing(1) }} */ from raw.orders where b = 'x{{'",
    ].join('\n'));
  });

  it('does not mistake casts or Snowflake variant paths for parameters', () => {
    const sql = 'select x::int, payload:status, "Payload":id, arr[0]:id, parse_json(v):id from t where y = :y';
    expect(renderSql(sql, snowflakeDialect, { params: { y: 1 } }).sql).toBe(sql.replace(':y', ':1'));
  });

  it('names the template when a value or placeholder is missing', () => {
    const template = parseSqlTemplate('-- name: m\nselect :a, {{ t }}', '/models/m.sql');
    expect(() => renderSql(template, duckdbDialect, { idents: { t: 'x' } })).toThrow('/models/m.sql: no value given for parameter :a');
    expect(() => renderSql(template, duckdbDialect, { params: { a: 1 } })).toThrow('/models/m.sql: nothing given for {{ t }}');
    expect(() => renderSql('select {{ nope(1) }}', duckdbDialect)).toThrow('inline SQL: unknown macro nope() for duckdb');
  });

  it('refuses an undefined value rather than binding nothing', () => {
    expect(() => renderSql('select :a', duckdbDialect, { params: { a: undefined } })).toThrow('parameter :a is undefined (pass null for SQL NULL)');
    expect(renderSql('select :a', duckdbDialect, { params: { a: null } }).binds).toEqual([null]);
  });
});
