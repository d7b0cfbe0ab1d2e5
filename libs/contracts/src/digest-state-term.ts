import { createHash } from 'node:crypto';

/**
 * One row's term of a digest's state_sum: the first 32 bits of md5 over the
 * parts in hash_key's encoding (`<length>:<text>` each, `~` for null), as a
 * non-negative integer. The dialects' `hash_key_int` computes the same in
 * the orders DB and over staging, so a day's sum matches wherever it is
 * taken. A sum needs no ordering of the day's rows, which engines collate
 * differently, and a changed state moves it unless a 1-in-2^32 term collides.
 */
export function digestStateTerm(parts: readonly unknown[]): number {
  const encoded = parts
    .map((part) => {
      const text = stateText(part);
      // Characters, not UTF-16 units: SQL length() counts characters.
      return text === undefined ? '~' : `${[...text].length}:${text}`;
    })
    .join('');
  return Number.parseInt(createHash('md5').update(encoded, 'utf8').digest('hex').slice(0, 8), 16);
}

/** A value as `cast(... as varchar)` spells it for the types a state column may have (string, integer, boolean). */
function stateText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
