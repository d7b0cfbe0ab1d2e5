import { InvalidObjectKeyError } from './object-store-errors';

/**
 * Name prefix of the local store's in-flight temp files. Keys may not use it,
 * so a listing never mistakes a half-written file for an object.
 */
export const reservedSegmentPrefix = '.ns-tmp-';

const rules = 'keys are relative, "/"-separated paths inside the store: no leading "/", no empty, "." or ".." parts, no "\\"';

/** Rejects keys that could escape the store's base or that the two stores would treat differently. */
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new InvalidObjectKeyError(`empty object key; ${rules}`);
  checkSegments(key, key.split('/'));
}

/** A list prefix: '' for everything, otherwise a key or the start of one (a trailing '/' is allowed). */
export function assertObjectPrefix(prefix: string): void {
  if (typeof prefix !== 'string') throw new InvalidObjectKeyError(`object prefix must be a string; ${rules}`);
  if (prefix === '') return;
  const segments = prefix.split('/');
  checkSegments(prefix, prefix.endsWith('/') ? segments.slice(0, -1) : segments);
}

function checkSegments(key: string, segments: string[]): void {
  if (key.includes('\\') || key.includes('\0')) throw new InvalidObjectKeyError(`object key "${key}" has a backslash or NUL; ${rules}`);
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidObjectKeyError(`object key "${key}" is absolute or has an empty, "." or ".." part; ${rules}`);
    }
    if (segment.startsWith(reservedSegmentPrefix)) {
      throw new InvalidObjectKeyError(`object key "${key}" uses the reserved name prefix "${reservedSegmentPrefix}"`);
    }
  }
}
