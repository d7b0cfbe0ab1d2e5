import { typeKey } from './type-key';

describe('typeKey', () => {
  it.each([
    // [declared by a model, reported by DuckDB's catalog]
    ['varchar', 'VARCHAR'],
    ['text', 'VARCHAR'],
    ['bigint', 'BIGINT'],
    ['integer', 'INTEGER'],
    ['decimal(14, 2)', 'DECIMAL(14,2)'],
    ['numeric', 'DECIMAL(18,3)'],
    ['double', 'DOUBLE'],
    ['boolean', 'BOOLEAN'],
    ['date', 'DATE'],
    ['timestamptz', 'TIMESTAMP WITH TIME ZONE'],
    ['json', 'JSON'],
  ])('DuckDB: %s is what the catalog reports as %s', (declared, catalog) => {
    expect(typeKey('duckdb', declared)).toBeDefined();
    expect(typeKey('duckdb', declared)).toBe(typeKey('duckdb', catalog));
  });

  it.each([
    // [declared by a model, reported by Snowflake's catalog (data_type, with NUMBER's precision and scale)]
    ['varchar', 'TEXT'],
    ['bigint', 'NUMBER(38,0)'],
    ['integer', 'NUMBER(38,0)'],
    ['number(38, 0)', 'NUMBER(38,0)'],
    ['decimal(14, 2)', 'NUMBER(14,2)'],
    ['float', 'FLOAT'],
    ['double', 'FLOAT'],
    ['boolean', 'BOOLEAN'],
    ['date', 'DATE'],
    ['timestamp_tz', 'TIMESTAMP_TZ'],
    ['timestamp_tz(9)', 'TIMESTAMP_TZ'],
    ['variant', 'VARIANT'],
  ])('Snowflake: %s is what the catalog reports as %s', (declared, catalog) => {
    expect(typeKey('snowflake', declared)).toBeDefined();
    expect(typeKey('snowflake', declared)).toBe(typeKey('snowflake', catalog));
  });

  it('tells apart what the engine stores differently', () => {
    expect(typeKey('duckdb', 'decimal(14, 2)')).not.toBe(typeKey('duckdb', 'DECIMAL(14,1)'));
    expect(typeKey('duckdb', 'decimal(14, 2)')).not.toBe(typeKey('duckdb', 'DECIMAL(18,2)'));
    expect(typeKey('duckdb', 'integer')).not.toBe(typeKey('duckdb', 'BIGINT'));
    expect(typeKey('duckdb', 'timestamptz')).not.toBe(typeKey('duckdb', 'TIMESTAMP'));
    expect(typeKey('duckdb', 'float')).not.toBe(typeKey('duckdb', 'DOUBLE'));
    expect(typeKey('snowflake', 'decimal(14, 2)')).not.toBe(typeKey('snowflake', 'NUMBER(38,0)'));
    expect(typeKey('snowflake', 'timestamp_tz')).not.toBe(typeKey('snowflake', 'TIMESTAMP_NTZ'));
    expect(typeKey('snowflake', 'varchar')).not.toBe(typeKey('snowflake', 'NUMBER(38,0)'));
  });

  it('keeps an integer apart from a decimal on DuckDB but not on Snowflake, where both are NUMBER(38,0)', () => {
    expect(typeKey('duckdb', 'bigint')).not.toBe(typeKey('duckdb', 'decimal(38, 0)'));
    expect(typeKey('snowflake', 'bigint')).toBe(typeKey('snowflake', 'decimal(38, 0)'));
  });

  it('gives no key for what it cannot know, so nothing is compared on a guess', () => {
    // Snowflake's bare TIMESTAMP is whichever variant TIMESTAMP_TYPE_MAPPING names.
    expect(typeKey('snowflake', 'timestamp')).toBeUndefined();
    expect(typeKey('duckdb', 'geometry')).toBeUndefined();
    expect(typeKey('duckdb', 'constructor')).toBeUndefined();
    expect(typeKey('duckdb', 'decimal(x, 2)')).toBeUndefined();
    expect(typeKey('postgres', 'bigint')).toBeUndefined();
  });
});
