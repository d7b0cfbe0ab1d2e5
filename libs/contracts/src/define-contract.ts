import type { Contract } from './contract';

/**
 * Freezes a contract so no code path can edit the shared definition at run
 * time; the value stays plain data (JSON-serialisable, no methods).
 */
export function defineContract(contract: Contract): Contract {
  return deepFreeze(contract);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
