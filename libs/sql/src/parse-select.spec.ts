import { parseSelect } from './parse-select';

describe('parseSelect', () => {
  it('names each item by its alias or its bare column, and keeps commas inside calls, literals and placeholders', () => {
    const sql = `select
      customer_id,
      raw.email, -- a comment, with a comma
      upper(country) as country_code,
      coalesce(note, 'a, b') as note,
      cast(paid as {{ ts_type() }}) as paid_at,
      {{ hash_key(a, b) }} as row_key,
      length(email)
    from {{ source }}`;
    expect(parseSelect(sql)).toEqual({
      items: [
        { expression: 'customer_id', name: 'customer_id' },
        { expression: 'raw.email', name: 'email' },
        { expression: 'upper(country)', name: 'country_code' },
        { expression: "coalesce(note, 'a, b')", name: 'note' },
        { expression: 'cast(paid as {{ ts_type() }})', name: 'paid_at' },
        { expression: '{{ hash_key(a, b) }}', name: 'row_key' },
        { expression: 'length(email)', name: undefined },
      ],
      from: '{{ source }}',
    });
  });

  it('stops at the top-level from, not one inside a call or a longer name', () => {
    expect(parseSelect('select extract(epoch from ts) as epoch, from_date from t where x = 1')).toEqual({
      items: [
        { expression: 'extract(epoch from ts)', name: 'epoch' },
        { expression: 'from_date', name: 'from_date' },
      ],
      from: 't where x = 1',
    });
  });

  it('refuses what is not a select with a from, or a list with an empty item', () => {
    expect(() => parseSelect('create table t (a int)')).toThrow('no top-level from');
    expect(() => parseSelect('update t set a = 1 from s')).toThrow('starting with "select"');
    expect(() => parseSelect('select a,, b from t')).toThrow('empty item');
  });
});
