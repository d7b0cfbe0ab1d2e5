import { dialectFor, duckdbDialect, needsQuotes, snowflakeDialect } from './dialect';
import { postgresDialect } from './postgres-dialect';

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

  it("reads hash_key's first 8 hex digits as an unsigned integer, each engine its own way", () => {
    const hex = `substr(${duckdbDialect.macros['hash_key']('k', 's')}, 1, 8)`;
    expect(duckdbDialect.macros['hash_key_int']('k', 's')).toBe(`cast('0x' || ${hex} as bigint)`);
    expect(snowflakeDialect.macros['hash_key_int']('k', 's')).toBe(`to_number(${hex}, 'XXXXXXXX')`);
    expect(postgresDialect.macros['hash_key_int']('k', 's')).toBe(`('x' || ${hex})::bit(32)::bigint`);
  });

  it('differs in the current time and JSON text macros', () => {
    expect(duckdbDialect.macros['current_ts']()).toBe('current_timestamp');
    expect(snowflakeDialect.macros['current_ts']()).toBe('current_timestamp()');
    expect(duckdbDialect.macros['json_text']('payload')).toBe('cast(payload as varchar)');
    expect(snowflakeDialect.macros['json_text']('payload')).toBe('to_json(payload)');
  });

  it('keeps null fields in a whole row as JSON on both engines', () => {
    // DuckDB's to_json keeps nulls; Snowflake's object_construct would drop them.
    expect(duckdbDialect.macros['row_json']('raw_orders')).toBe('cast(to_json(raw_orders) as varchar)');
    expect(snowflakeDialect.macros['row_json']('raw_orders')).toBe('to_json(object_construct_keep_null(raw_orders.*))');
  });

  it('formats instants for keys as fixed UTC text on both engines', () => {
    expect(duckdbDialect.macros['ts_key']('valid_from')).toBe("strftime(timezone('UTC', valid_from), '%Y-%m-%dT%H:%M:%S.%fZ')");
    expect(snowflakeDialect.macros['ts_key']('valid_from')).toBe(`to_varchar(convert_timezone('UTC', valid_from), 'YYYY-MM-DD"T"HH24:MI:SS.FF6"Z"')`);
  });

  it('builds constant instants and day spines only from date literals', () => {
    expect(duckdbDialect.macros['utc_midnight']("'1900-01-01'")).toBe("cast('1900-01-01 00:00:00+00' as timestamptz)");
    expect(snowflakeDialect.macros['utc_midnight']("'1900-01-01'")).toContain("to_timestamp_tz('1900-01-01 00:00:00 +00:00'");
    expect(snowflakeDialect.macros['date_spine']("'2024-02-27'", "'2024-03-01'")).toContain('generator(rowcount => 4)');
    expect(duckdbDialect.macros['date_spine']("'2024-02-27'", "'2024-03-01'")).toContain("range(date '2024-02-27', date '2024-03-01' + interval 1 day");
    expect(() => duckdbDialect.macros['utc_midnight']('now()')).toThrow(/expected a 'YYYY-MM-DD' literal/);
    expect(() => snowflakeDialect.macros['date_spine']("'2024-03-01'", "'2024-02-01'")).toThrow(/before/);
  });

  it('spells ISO weekday and week per engine', () => {
    expect(duckdbDialect.macros['iso_weekday']('d')).toBe('isodow(d)');
    expect(snowflakeDialect.macros['iso_weekday']('d')).toBe('dayofweekiso(d)');
    expect(duckdbDialect.macros['iso_week']('d')).toBe('weekofyear(d)');
    expect(snowflakeDialect.macros['iso_week']('d')).toBe('weekiso(d)');
  });

  it('finds a warehouse dialect by name', () => {
    expect(dialectFor('duckdb')).toBe(duckdbDialect);
    expect(dialectFor('snowflake')).toBe(snowflakeDialect);
  });
});
