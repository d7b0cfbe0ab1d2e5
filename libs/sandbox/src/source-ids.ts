import { Prng } from './prng';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A stable opaque id in the style of the source (`ch_3Px…`), the same for every run with one seed. */
export function sourceId(prefix: string, seed: number, kind: string, key: number | string, length = 24): string {
  const rng = Prng.derive(seed, 'source-id', kind, key);
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(rng.next() * alphabet.length)];
  return `${prefix}${id}`;
}
