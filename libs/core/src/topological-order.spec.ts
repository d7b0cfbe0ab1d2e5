import { topologicalOrder, type GraphShape } from './topological-order';

type Item = { name: string; deps: string[] };
const shape: GraphShape<Item> = {
  id: (i) => i.name,
  dependsOn: (i) => i.deps,
  isExternal: (d) => d.startsWith('raw.'),
  unknown: (i, d) => new Error(`${i.name} depends on unknown ${d}`),
  cycle: (trail) => new Error(`cycle: ${trail.join(' -> ')}`),
};
const names = (items: Item[]) => items.map((i) => i.name);

describe('topologicalOrder', () => {
  it('puts each item after what it depends on, keeping the given order otherwise', () => {
    const items = [{ name: 'c', deps: ['b'] }, { name: 'a', deps: [] }, { name: 'b', deps: ['a', 'raw.x'] }, { name: 'd', deps: [] }];
    expect(names(topologicalOrder(items, shape))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names the cycle it finds', () => {
    const items = [{ name: 'a', deps: ['b'] }, { name: 'b', deps: ['c'] }, { name: 'c', deps: ['a'] }];
    expect(() => topologicalOrder(items, shape)).toThrow('cycle: a -> b -> c -> a');
  });

  it('refuses a dependency that is neither an item nor external', () => {
    expect(() => topologicalOrder([{ name: 'a', deps: ['nope'] }], shape)).toThrow('a depends on unknown nope');
    expect(() => topologicalOrder([{ name: 'a', deps: ['raw.nope'] }], { ...shape, isExternal: undefined })).toThrow('unknown raw.nope');
  });
});
