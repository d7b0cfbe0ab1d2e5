import { digestStateTerm } from './digest-state-term';

describe('digestStateTerm', () => {
  it("is the first 32 bits of md5 over hash_key's encoding", () => {
    // md5('2:ab') = 2dadabd7...; the models' day-digest spec checks the sum against DuckDB's hash_key_int.
    expect(digestStateTerm(['ab'])).toBe(0x2dadabd7);
  });

  it('moves with a state value and spells booleans, integers and null as SQL casts them', () => {
    const term = (status: string) => digestStateTerm(['dp_1', status]);
    expect(term('won')).not.toBe(term('needs_response'));
    expect(digestStateTerm([12, true, null])).toBe(digestStateTerm(['12', 'true', null]));
    expect(digestStateTerm(['a|', 'b'])).not.toBe(digestStateTerm(['a', '|b']));
  });
});
