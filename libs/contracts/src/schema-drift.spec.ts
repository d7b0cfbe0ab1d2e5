import { col, nullable } from './column-builder';
import { describeSchemaDrift, detectSchemaDrift } from './schema-drift';

const contract = { columns: [col.integer('id'), col.string('email', nullable()), col.decimal('total', 14, 2)] };
const integer = { kind: 'integer' } as const;
const string = { kind: 'string' } as const;

describe('detectSchemaDrift', () => {
  it('finds nothing when the source matches', () => {
    const drift = detectSchemaDrift(contract, [{ name: 'id', type: integer }, { name: 'email', type: string }, { name: 'total', type: { kind: 'decimal', precision: 14, scale: 2 } }]);
    expect(drift).toEqual({ added: [], missing: [], retyped: [], unsupported: [], breaking: false });
  });

  it('treats new source columns as additive', () => {
    const drift = detectSchemaDrift(contract, [{ name: 'id' }, { name: 'email' }, { name: 'total' }, { name: 'loyalty_tier' }]);
    expect(drift).toEqual({ added: ['loyalty_tier'], missing: [], retyped: [], unsupported: [], breaking: false });
  });

  it('treats a vanished column as breaking', () => {
    const drift = detectSchemaDrift(contract, [{ name: 'id' }, { name: 'total' }]);
    expect(drift).toMatchObject({ missing: ['email'], breaking: true });
  });

  it('treats a retyped column as breaking, decimal scale included', () => {
    const observed = { kind: 'decimal', precision: 14, scale: 4 } as const;
    const drift = detectSchemaDrift(contract, [{ name: 'id', type: string }, { name: 'email' }, { name: 'total', type: observed }]);
    expect(drift.retyped).toEqual([
      { name: 'id', expected: integer, observed: string },
      { name: 'total', expected: { kind: 'decimal', precision: 14, scale: 2 }, observed },
    ]);
    expect(drift.breaking).toBe(true);
  });

  it('treats a contract column now of a type with no logical type (PostgreSQL money) as breaking, and names that type', () => {
    const drift = detectSchemaDrift(contract, [{ name: 'id', type: integer }, { name: 'email', type: string }, { name: 'total', unsupportedType: 'money' }, { name: 'token', unsupportedType: 'uuid' }]);
    expect(drift).toEqual({ added: ['token'], missing: [], retyped: [], unsupported: [{ name: 'total', expected: { kind: 'decimal', precision: 14, scale: 2 }, observed: 'money' }], breaking: true });
    expect(describeSchemaDrift(drift)).toEqual(['column total is money, a type no contract type stands for, expected decimal(14,2)', 'new column token']);
  });

  it('matches names without regard to case, as Snowflake reports them upper-case', () => {
    expect(detectSchemaDrift(contract, [{ name: 'ID' }, { name: 'EMAIL' }, { name: 'TOTAL' }]).breaking).toBe(false);
  });

  it('describes drift one line per problem', () => {
    const drift = detectSchemaDrift(contract, [{ name: 'id', type: string }, { name: 'total' }, { name: 'tier' }]);
    expect(describeSchemaDrift(drift)).toEqual(['missing column email', 'column id is string, expected integer', 'new column tier']);
  });
});
