import { splitStatements } from './split-statements';

describe('splitStatements', () => {
  it('splits on top-level semicolons only', () => {
    const sql = [
      "-- a file comment; not a statement",
      "create table t (a varchar default ';');",
      'insert into "odd;name" values (1); /* a; block */ select 2 -- trailing; comment',
      ';',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      "create table t (a varchar default ';')",
      'insert into "odd;name" values (1)',
      '/* a; block */ select 2 -- trailing; comment',
    ]);
  });

  it('drops empty statements and comment-only ones', () => {
    expect(splitStatements(';;\n-- nothing here\n;')).toEqual([]);
  });
});
