import { Prng } from './prng';

describe('Prng', () => {
  it('repeats its sequence for the same seed and labels, and not for others', () => {
    const draw = (p: Prng) => Array.from({ length: 5 }, () => p.next());
    expect(draw(Prng.derive(1, 'order', 7))).toEqual(draw(Prng.derive(1, 'order', 7)));
    expect(draw(Prng.derive(1, 'order', 7))).not.toEqual(draw(Prng.derive(1, 'order', 8)));
    expect(draw(Prng.derive(1, 'order', 7))).not.toEqual(draw(Prng.derive(2, 'order', 7)));
  });

  it('draws integers inside the inclusive range, reaching both ends', () => {
    const p = new Prng(9);
    const seen = new Set(Array.from({ length: 500 }, () => p.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('picks by weight', () => {
    const p = new Prng(5);
    const picks = Array.from({ length: 4_000 }, () => p.weighted([['a', 3], ['b', 1]] as const));
    const share = picks.filter((x) => x === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
