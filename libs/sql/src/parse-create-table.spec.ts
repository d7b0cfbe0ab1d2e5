import { parseCreateTable } from './parse-create-table';

describe('parseCreateTable', () => {
  it('lists the declared columns in order, skipping types, defaults and constraints', () => {
    const sql = `create table if not exists curated.dim_x (
      x_sk varchar not null,
      amount decimal(14, 2), -- a comment, with a comma
      "Order" varchar default 'a, b',
      /* block, comment */ valid_from timestamptz not null,
      primary key (x_sk),
      constraint positive check (amount > 0)
    )`;
    expect(parseCreateTable(sql)).toEqual({ table: 'curated.dim_x', columns: ['x_sk', 'amount', 'order', 'valid_from'] });
  });

  it('reads quoted names with doubled quotes', () => {
    expect(parseCreateTable('create or replace table T ("a""b" int, c int)')).toEqual({ table: 't', columns: ['a"b', 'c'] });
  });

  it('refuses what is not a create table with a column list', () => {
    expect(() => parseCreateTable('merge into t using s on true')).toThrow('not a create table statement');
    expect(() => parseCreateTable('create table t (a int, b decimal(3, 1)')).toThrow('unbalanced parentheses');
  });
});
