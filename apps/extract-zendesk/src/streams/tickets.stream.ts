import { ticketsContract } from '@northstar/contracts';
import type { RecordStream } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import { readCursorExport, type ReadScope } from './cursor-export';

/** Tickets, deleted ones included (status `deleted`); custom_fields land as JSON text. */
export function ticketsStream(client: ZendeskClient, scope: ReadScope): RecordStream {
  const exp = { path: '/api/v2/incremental/tickets/cursor.json', records: 'tickets', ordering: 'tickets' };
  return { contract: ticketsContract, read: (position) => readCursorExport(client, exp, position, scope) };
}
