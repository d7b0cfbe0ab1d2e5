import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { validateContract } from './contract-validation';

const valid: Contract = {
  source: 'orders_db',
  entity: 'widgets',
  version: '1.2.3',
  description: 'Widgets.',
  businessKey: ['widget_id'],
  cursor: 'updated_at',
  biFacing: false,
  columns: [col.integer('widget_id'), col.string('label', nullable()), col.timestamp('updated_at')],
};
const withColumns = (...columns: Contract['columns']) => ({ ...valid, columns });

describe('validateContract', () => {
  it('accepts a well-formed contract', () => {
    expect(validateContract(valid)).toEqual([]);
  });

  it.each([
    ['1.0', 'version "1.0" is not MAJOR.MINOR.PATCH'],
    ['v1.0.0', 'version "v1.0.0" is not MAJOR.MINOR.PATCH'],
    ['1.0.0-beta', 'version "1.0.0-beta" is not MAJOR.MINOR.PATCH'],
  ])('refuses version %s', (version, problem) => {
    expect(validateContract({ ...valid, version })).toEqual([`orders_db.widgets: ${problem}`]);
  });

  it('refuses a business key that is not a column', () => {
    expect(validateContract({ ...valid, businessKey: ['id'] })).toEqual(['orders_db.widgets: business key column id is not a column']);
  });

  it('refuses a nullable business key unless its description explains it', () => {
    const undocumented = withColumns(col.integer('widget_id', nullable()), col.timestamp('updated_at'));
    expect(validateContract(undocumented)).toEqual([
      'orders_db.widgets: business key column widget_id is nullable; say in its description why the source cannot guarantee it',
    ]);
    const documented = withColumns(col.integer('widget_id', nullable({ description: 'Nullable: the legacy table has no constraint.' })), col.timestamp('updated_at'));
    expect(validateContract(documented)).toEqual([]);
  });

  it('refuses a missing or nullable cursor', () => {
    expect(validateContract({ ...valid, cursor: 'changed_at' })).toEqual(['orders_db.widgets: cursor column changed_at is not a column']);
    expect(validateContract(withColumns(col.integer('widget_id'), col.timestamp('updated_at', nullable())))).toEqual([
      'orders_db.widgets: cursor column updated_at must not be nullable',
    ]);
  });

  it('refuses a cursor that cannot be ordered as time or sequence', () => {
    expect(validateContract(withColumns(col.integer('widget_id'), col.string('updated_at')))).toEqual([
      'orders_db.widgets: cursor column updated_at must be a timestamp, date or integer, not string',
    ]);
  });

  it('refuses duplicate and non-snake-case column names', () => {
    const problems = validateContract(withColumns(col.integer('widget_id'), col.string('Label'), col.string('label_'), col.timestamp('updated_at'), col.string('Label')));
    expect(problems).toEqual([
      'orders_db.widgets: column Label is not lowercase snake_case',
      'orders_db.widgets: column label_ is not lowercase snake_case',
      'orders_db.widgets: column Label is not lowercase snake_case',
      'orders_db.widgets: column Label appears twice',
    ]);
  });

  it('refuses decimals no warehouse can hold', () => {
    expect(validateContract(withColumns(...valid.columns, col.decimal('price', 40, 2), col.decimal('ratio', 4, 6)))).toEqual([
      'orders_db.widgets: column price has an impossible type decimal(40,2)',
      'orders_db.widgets: column ratio has an impossible type decimal(4,6)',
    ]);
  });

  it('refuses an unknown source and a bad entity name', () => {
    expect(validateContract({ ...valid, source: 'hubspot' as Contract['source'], entity: 'Deals' })).toEqual([
      'hubspot.Deals: unknown source',
      'hubspot.Deals: entity name is not lowercase snake_case',
    ]);
  });
});
