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

/** A declared digest state: a column, hashed as its text or, declared `lower(<column>)`, as its lower-cased text (a column staging lower-cases). */
export interface DigestState {
  readonly column: string;
  readonly lower: boolean;
}

const STATE_ENTRY = /^(?:lower\(\s*([a-z_][a-z0-9_]*)\s*\)|([a-z_][a-z0-9_]*))$/i;

/** Reads one `digestStates` entry: a column name, or `lower(<column>)`; undefined for anything else. */
export function parseDigestState(entry: string): DigestState | undefined {
  const match = STATE_ENTRY.exec(entry.trim());
  if (!match) return undefined;
  return match[1] ? { column: match[1].toLowerCase(), lower: true } : { column: match[2].toLowerCase(), lower: false };
}

/** A state value as the digest hashes it: lower-cased when its state says so (SQL lower() on ASCII statuses). */
export function digestStateValue(state: DigestState, value: unknown): unknown {
  return state.lower && typeof value === 'string' ? value.toLowerCase() : value;
}
