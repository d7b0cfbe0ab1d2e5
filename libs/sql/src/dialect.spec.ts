import { dialectFor, duckdbDialect, needsQuotes, snowflakeDialect } from './dialect';

describe('dialects', () => {
  it.each([
    ['order_id', 'order_id', 'order_id'],
    ['order', '"order"', '"ORDER"'],
    ['select', '"select"', '"SELECT"'],
    ['CamelCase', '"CamelCase"', '"CAMELCASE"'],
    ['has space', '"has space"', '"HAS SPACE"'],
    ['we"ird', '"we""ird"', '"WE""IRD"'],
    ['1st', '"1st"', '"1ST"'],
  ])('quotes %s as %s (DuckDB) and %s (Snowflake)', (name, duck, snow) => {
    expect(duckdbDialect.quoteIdent(name)).toBe(duck);
    expect(snowflakeDialect.quoteIdent(name)).toBe(snow);
  });

  it('leaves ordinary lower-case names bare and refuses an empty one', () => {
    expect(needsQuotes('status')).toBe(false);
    expect(needsQuotes('type')).toBe(false);
    expect(() => duckdbDialect.quoteIdent('')).toThrow('empty SQL identifier');
  });

  it.each([
    [{ kind: 'string' } as const, 'varchar', 'varchar'],
    [{ kind: 'integer' } as const, 'bigint', 'number(38, 0)'],
    [{ kind: 'double' } as const, 'double', 'float'],
    [{ kind: 'decimal', precision: 14, scale: 2 } as const, 'decimal(14, 2)', 'number(14, 2)'],
    [{ kind: 'boolean' } as const, 'boolean', 'boolean'],
    [{ kind: 'date' } as const, 'date', 'date'],
    [{ kind: 'timestamp' } as const, 'timestamptz', 'timestamp_tz'],
    [{ kind: 'json' } as const, 'json', 'variant'],
  ])('spells %j as %s and %s', (type, duck, snow) => {
    expect(duckdbDialect.typeName(type)).toBe(duck);
    expect(snowflakeDialect.typeName(type)).toBe(snow);
  });

  it('numbers placeholders the way each driver binds them', () => {
    expect(duckdbDialect.placeholder(2)).toBe('$2');
    expect(snowflakeDialect.placeholder(2)).toBe(':2');
  });

  it('writes literals, doubling quotes', () => {
    for (const d of [duckdbDialect, snowflakeDialect]) {
      expect(d.literal("it's")).toBe("'it''s'");
      expect(d.literal(null)).toBe('null');
      expect(d.literal(false)).toBe('false');
      expect(d.literal(-1.5)).toBe('-1.5');
      expect(() => d.literal(Number.NaN)).toThrow('not a finite number');
    }
  });

  it('escapes backslashes only where the engine reads them', () => {
    expect(duckdbDialect.literal('C:\\new')).toBe("'C:\\new'");
    expect(snowflakeDialect.literal('C:\\new')).toBe("'C:\\\\new'");
  });

  it('hashes keys with a length prefix, so no two keys encode alike', () => {
    const sql = duckdbDialect.macros['hash_key']('a', 'b');
    expect(sql).toBe(
      "md5(coalesce(cast(length(cast(a as varchar)) as varchar) || ':' || cast(a as varchar), '~') || " +
        "coalesce(cast(length(cast(b as varchar)) as varchar) || ':' || cast(b as varchar), '~'))",
    );
    expect(snowflakeDialect.macros['hash_key']('a', 'b')).toBe(sql);
  });

  it('differs in the current time and JSON text macros', () => {
    expect(duckdbDialect.macros['current_ts']()).toBe('current_timestamp');
    expect(snowflakeDialect.macros['current_ts']()).toBe('current_timestamp()');
    expect(duckdbDialect.macros['json_text']('payload')).toBe('cast(payload as varchar)');
    expect(snowflakeDialect.macros['json_text']('payload')).toBe('to_json(payload)');
  });

  it('finds a warehouse dialect by name', () => {
    expect(dialectFor('duckdb')).toBe(duckdbDialect);
    expect(dialectFor('snowflake')).toBe(snowflakeDialect);
  });
});
