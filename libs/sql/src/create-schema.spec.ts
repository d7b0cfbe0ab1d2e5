import { renderCreateSchema } from './create-schema';
import { duckdbDialect, snowflakeDialect } from './dialect';

describe('renderCreateSchema', () => {
  it('creates the schema only when missing', () => {
    expect(renderCreateSchema('raw', duckdbDialect)).toEqual({ sql: 'create schema if not exists raw', binds: [] });
    expect(renderCreateSchema('Raw Zone', snowflakeDialect).sql).toBe('create schema if not exists "RAW ZONE"');
  });
});
