/** Where a record sits in an export's order: its change time (Unix seconds), then its id. */
export interface ExportPosition {
  readonly seconds: number;
  readonly id: number;
}

export interface ExportPage<T> {
  readonly records: T[];
  /** Where the next request continues; at the end of the stream, where the next run does. */
  readonly after: ExportPosition;
  readonly endOfStream: boolean;
}

/** Zendesk's cursors are opaque to clients; this one is the position, so the server keeps no state per client. */
export function encodeCursor(position: ExportPosition): string {
  return Buffer.from(JSON.stringify([position.seconds, position.id])).toString('base64url');
}

/** Undefined for a cursor this server did not hand out. */
export function decodeCursor(cursor: string): ExportPosition | undefined {
  try {
    const [seconds, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return Number.isSafeInteger(seconds) && Number.isSafeInteger(id) ? { seconds: seconds as number, id: id as number } : undefined;
  } catch {
    return undefined;
  }
}

/** Before every record changed at or after `startTime` (ids are positive). */
export function positionBefore(startTime: number): ExportPosition {
  return { seconds: startTime, id: 0 };
}

/**
 * One page of an incremental export: records after `from` in (time, id)
 * order, changed before `untilSeconds` (the export leaves out the last
 * minute). A record changed after an earlier page was read sorts later and
 * comes again, as in Zendesk.
 */
export function exportPage<T>(records: readonly T[], positionOf: (record: T) => ExportPosition, from: ExportPosition, untilSeconds: number, pageSize: number): ExportPage<T> {
  const after = records
    .map((record) => ({ record, position: positionOf(record) }))
    .filter(({ position }) => position.seconds < untilSeconds && compare(position, from) > 0)
    .sort((a, b) => compare(a.position, b.position));
  const page = after.slice(0, pageSize);
  return {
    records: page.map((p) => p.record),
    after: page.length > 0 ? page[page.length - 1].position : from,
    endOfStream: after.length <= pageSize,
  };
}

function compare(a: ExportPosition, b: ExportPosition): number {
  return a.seconds - b.seconds || a.id - b.id;
}

/** Unix seconds of a Zendesk ISO timestamp. */
export function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
