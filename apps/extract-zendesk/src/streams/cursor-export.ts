import type { SourceRecord, StreamPosition } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';

/** How a run reads: hourly runs go on from the saved cursor; a backfill reads its window only and saves none. */
export interface ReadScope {
  readonly backfill: boolean;
  /** Records per page (Zendesk: at most 1000, the default); small in specs. */
  readonly perPage?: number;
}

interface CursorPage {
  readonly after_cursor: string | null;
  readonly end_of_stream: boolean;
  readonly [key: string]: unknown;
}

export interface CursorExport {
  readonly path: string;
  /** The page's array that holds this stream's records. */
  readonly records: string;
  /** The page's array whose `updated_at` orders the export (the records themselves, or the tickets they ride on). */
  readonly ordering: string;
  readonly params?: Readonly<Record<string, string>>;
}

/**
 * A cursor-based incremental export, page by page: `start_time` on the
 * first run (the window's start), then `cursor` = the saved after_cursor.
 * Each page's after_cursor is proposed once its records are yielded, also
 * at end_of_stream, so the next run starts after the last record read.
 */
export async function* readCursorExport(client: ZendeskClient, exp: CursorExport, position: StreamPosition, scope: ReadScope): AsyncIterable<SourceRecord> {
  const fromCheckpoint = !scope.backfill && position.checkpoint !== undefined;
  let params: Record<string, string | number> = fromCheckpoint
    ? { cursor: position.checkpoint as string }
    : { start_time: Math.floor(position.window.start.getTime() / 1000) };
  const endMs = position.window.end.getTime();
  for (;;) {
    const page = await client.get<CursorPage>(exp.path, { ...exp.params, ...params, ...(scope.perPage ? { per_page: scope.perPage } : {}) });
    const records = (page[exp.records] ?? []) as SourceRecord[];
    if (scope.backfill) {
      yield* records.filter((r) => Date.parse(String(r['updated_at'])) < endMs);
      const ordering = (page[exp.ordering] ?? []) as SourceRecord[];
      const last = ordering[ordering.length - 1];
      if (page.end_of_stream || !page.after_cursor || (last && Date.parse(String(last['updated_at'])) >= endMs)) return;
    } else {
      yield* records;
      if (page.after_cursor) position.advanceTo(page.after_cursor);
      if (page.end_of_stream || !page.after_cursor) return;
    }
    params = { cursor: page.after_cursor };
  }
}
