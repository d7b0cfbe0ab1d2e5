import { columnList } from './column-list';
import { duckdbDialect, snowflakeDialect } from './dialect';

describe('columnList', () => {
  it('joins quoted names', () => {
    expect(columnList(['id', 'order', 'Total'], duckdbDialect).sql).toBe('id, "order", "Total"');
    expect(columnList(['id', 'order'], snowflakeDialect).sql).toBe('id, "ORDER"');
  });

  it('qualifies every name when asked', () => {
    expect(columnList(['id', 'user'], duckdbDialect, 'src').sql).toBe('src.id, src."user"');
  });

  it('refuses an empty list', () => {
    expect(() => columnList([], duckdbDialect)).toThrow('at least one column');
  });
});
