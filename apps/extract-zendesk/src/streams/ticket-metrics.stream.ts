import { ticketMetricsContract } from '@northstar/contracts';
import type { RecordStream } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import { readCursorExport, type ReadScope } from './cursor-export';

/**
 * Metric sets sideloaded on the ticket export (`include=metric_sets`): a
 * ticket's metrics change when the ticket does, so they ride on its changes,
 * with a cursor of their own so that either entity can be re-read alone.
 */
export function ticketMetricsStream(client: ZendeskClient, scope: ReadScope): RecordStream {
  const exp = { path: '/api/v2/incremental/tickets/cursor.json', records: 'metric_sets', ordering: 'tickets', params: { include: 'metric_sets' } };
  return { contract: ticketMetricsContract, read: (position) => readCursorExport(client, exp, position, scope) };
}
