import { columnDefinitions } from './column-definitions';
import { duckdbDialect, snowflakeDialect } from './dialect';

describe('columnDefinitions', () => {
  const columns = [
    { name: 'id', type: { kind: 'integer' } as const, nullable: false },
    { name: 'Group', type: { kind: 'string' } as const },
    { name: 'total', type: { kind: 'decimal', precision: 14, scale: 2 } as const, nullable: true },
  ];

  it('writes one quoted, typed column per line with not null where required', () => {
    expect(columnDefinitions(columns, duckdbDialect)).toEqual({ kind: 'sql-fragment', sql: 'id bigint not null,\n  "Group" varchar,\n  total decimal(14, 2)' });
    expect(columnDefinitions(columns, snowflakeDialect).sql).toBe('id number(38, 0) not null,\n  "GROUP" varchar,\n  total number(14, 2)');
  });

  it('refuses an empty list', () => {
    expect(() => columnDefinitions([], duckdbDialect)).toThrow('at least one column');
  });
});
