import { parseSqlTemplate } from '@northstar/sql';
import { declaredParams } from './model-params';

const template = (params: string, body = 'select :settlement_days, :match_tolerance') =>
  parseSqlTemplate(`-- name: m\n-- params: ${params}\n\n${body}`, 'm.sql');

describe('declaredParams', () => {
  it('reads name = number pairs from the header', () => {
    expect(declaredParams(template('settlement_days = 2, match_tolerance = 0.01'))).toEqual({ settlement_days: 2, match_tolerance: 0.01 });
    expect(declaredParams(parseSqlTemplate('-- name: m\n\nselect 1', 'm.sql'))).toEqual({});
  });

  it('refuses a value that is not a number, a batch name, a repeat, and a declaration the SQL does not use (a comment is no use)', () => {
    expect(() => declaredParams(template('settlement_days = two'))).toThrow('m.sql: "params" takes name = number, comma-separated; got "settlement_days = two"');
    expect(() => declaredParams(template('now = 1', 'select :now'))).toThrow("parameter now shadows the batch's own :now");
    expect(() => declaredParams(template('settlement_days = 1, settlement_days = 2'))).toThrow('parameter settlement_days is declared twice');
    expect(() => declaredParams(template('grace_days = 1', '-- :grace_days\nselect 1'))).toThrow('parameter grace_days is declared but :grace_days is not used');
  });
});
