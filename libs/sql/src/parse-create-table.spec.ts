import { createsTableAs, createsView, declaresColumns, parseCreateTable } from './parse-create-table';

describe('parseCreateTable', () => {
  it('lists the declared columns and their types in order, skipping defaults and constraints', () => {
    const sql = `create table if not exists curated.dim_x (
      x_sk varchar not null,
      amount decimal(14,   2), -- a comment, with a comma
      "Order" varchar default 'a, b',
      /* block, comment */ valid_from timestamp with time zone not null,
      loaded_at TIMESTAMP_TZ(9) NOT NULL DEFAULT current_timestamp(),
      primary key (x_sk),
      constraint positive check (amount > 0)
    )`;
    expect(parseCreateTable(sql)).toEqual({
      table: 'curated.dim_x',
      columns: [
        { name: 'x_sk', type: 'varchar' },
        { name: 'amount', type: 'decimal(14, 2)' },
        { name: 'order', type: 'varchar' },
        { name: 'valid_from', type: 'timestamp with time zone' },
        { name: 'loaded_at', type: 'timestamp_tz(9)' },
      ],
    });
  });

  it('reads quoted names with doubled quotes', () => {
    expect(parseCreateTable('create or replace table T ("a""b" int, c int)')).toEqual({ table: 't', columns: [{ name: 'a"b', type: 'int' }, { name: 'c', type: 'int' }] });
  });

  it('refuses what is not a create table with a column list', () => {
    expect(() => parseCreateTable('merge into t using s on true')).toThrow('not a create table statement');
    expect(() => parseCreateTable('create table t (a int, b decimal(3, 1)')).toThrow('unbalanced parentheses');
  });

  it('tells a table with a column list or a create-as-select from a view, which declares no table', () => {
    expect(declaresColumns('create table if not exists curated.dim_date (date_day date not null)')).toBe(true);
    expect(declaresColumns('create or replace view analytics.daily_revenue as select 1 as x')).toBe(false);
    expect(declaresColumns('create table analytics.t as select 1 as x')).toBe(true);
    expect(createsTableAs('create table if not exists curated.dim_date as\nselect 1 as x')).toBe(true);
    expect(createsTableAs('create table if not exists curated.dim_date (date_day date not null)')).toBe(false);
  });

  it("reads a create-as-select's columns from its outermost select list, typed where a cast says", () => {
    const sql = `create table if not exists curated.dim_date as
select
  cast(year * 10000 + month as integer) as date_key, -- a comment, with a comma
  cast(date_day as decimal(14, 2)) as Day,
  case when x in (1, 2) then 'a, b' end as label
from (select 1 as year, 2 as month, current_date as date_day, 1 as x from t) as calendar`;
    expect(parseCreateTable(sql)).toEqual({
      table: 'curated.dim_date',
      columns: [{ name: 'date_key', type: 'integer' }, { name: 'day', type: 'decimal(14, 2)' }, { name: 'label', type: '' }],
    });
    expect(parseCreateTable('create table t as select a, b as c from s').columns).toEqual([{ name: 'a', type: '' }, { name: 'c', type: '' }]);
    expect(() => parseCreateTable('create table t as select a + 1, b as c from s')).toThrow('a create-as-select names each column (`as <name>`, or a bare column); "a + 1" does not');
  });

  it('tells a model that creates a view, and not one whose comment mentions one', () => {
    expect(createsView('-- a view over facts\ncreate or replace view analytics.daily_revenue as select 1 as x')).toBe(true);
    expect(createsView('CREATE SECURE VIEW analytics.v AS SELECT 1')).toBe(true);
    expect(createsView('-- create view later, maybe\ncreate table if not exists curated.t (a int)')).toBe(false);
    expect(createsView('create table analytics.view_stats as select 1 as x')).toBe(false);
  });
});
