import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { compareContracts } from './contract-evolution';
import { allContracts } from './contract-registry';

const before: Contract = {
  source: 'orders_db',
  entity: 'widgets',
  version: '1.4.2',
  description: 'Widgets.',
  businessKey: ['widget_id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [col.integer('widget_id'), col.string('label', nullable()), col.string('owner_email', { pii: 'email' }), col.timestamp('updated_at')],
};
const change = (version: string, edit: Partial<Contract>): Contract => ({ ...before, version, ...edit });
const columns = (...edited: Contract['columns']) => ({ columns: edited });

describe('compareContracts', () => {
  it('sees no change in a documentation-only edit with a patch bump', () => {
    const after = change('1.4.3', { description: 'Widgets, one row per widget.' });
    expect(compareContracts(before, after)).toEqual({ kind: 'none', reasons: [], versionProblems: [], refused: false });
  });

  it('accepts an added column with a minor bump', () => {
    const after = change('1.5.0', columns(...before.columns, col.string('colour', nullable())));
    expect(compareContracts(before, after)).toEqual({ kind: 'additive', reasons: ['column colour added'], versionProblems: [], refused: false });
  });

  it('asks for a minor bump when an additive change keeps the version', () => {
    const after = change('1.4.2', columns(...before.columns, col.string('colour', nullable())));
    expect(compareContracts(before, after).versionProblems).toEqual(['an additive change needs a minor version bump (1.4.2 -> 1.4.2)']);
  });

  it.each([
    ['a removed column', columns(before.columns[0], before.columns[2], before.columns[3]), 'column label removed'],
    ['a retyped column', columns(col.string('widget_id'), ...before.columns.slice(1)), 'column widget_id retyped from integer to string'],
    ['a column that became nullable', columns(before.columns[0], before.columns[1], col.string('owner_email', nullable({ pii: 'email' })), before.columns[3]), 'column owner_email became nullable'],
    ['a dropped PII tag', columns(before.columns[0], before.columns[1], col.string('owner_email'), before.columns[3]), 'column owner_email lost its PII tag email'],
    ['a new business key', { businessKey: ['widget_id', 'label'] }, 'business key changed from (widget_id) to (widget_id, label)'],
    ['a new cursor', { cursor: 'widget_id' }, 'cursor changed from updated_at to widget_id'],
    ['a cleared BI flag', { biFacing: false }, 'no longer BI-facing'],
  ])('refuses %s to a BI-facing contract', (_what, edit, reason) => {
    const result = compareContracts(before, change('2.0.0', edit));
    expect(result).toMatchObject({ kind: 'breaking', versionProblems: [], refused: true });
    expect(result.reasons).toContain(reason);
  });

  it('allows a breaking change with a major bump when no BI reads the contract', () => {
    const internal = { ...before, biFacing: false };
    const result = compareContracts(internal, { ...internal, version: '2.0.0', columns: before.columns.slice(0, 1).concat(before.columns[3]) });
    expect(result).toEqual({
      kind: 'breaking',
      reasons: ['column label removed', 'column owner_email removed'],
      versionProblems: [],
      refused: false,
    });
  });

  it('asks for a major bump on a breaking change', () => {
    const result = compareContracts({ ...before, biFacing: false }, { ...before, biFacing: false, version: '1.5.0', cursor: 'widget_id' });
    expect(result.versionProblems).toEqual(['a breaking change needs a major version bump (1.4.2 -> 1.5.0)']);
  });

  it('counts tightened nullability, new PII tags and reordering as additive', () => {
    const after = change('1.5.0', columns(col.string('label'), col.integer('widget_id', { pii: 'name' }), before.columns[2], before.columns[3]));
    expect(compareContracts(before, after).reasons).toEqual(['column label became required', 'column widget_id tagged PII name', 'columns reordered']);
  });

  it('refuses a version that goes backwards', () => {
    expect(compareContracts(before, change('1.4.1', {})).versionProblems).toEqual(['the version went backwards (1.4.2 -> 1.4.1)']);
  });

  it('will not compare two different entities', () => {
    expect(() => compareContracts(before, { ...before, entity: 'gadgets' })).toThrow('not the same contract');
  });

  it('finds every shipped contract unchanged against itself', () => {
    for (const contract of allContracts) expect(compareContracts(contract, contract).kind).toBe('none');
  });
});
