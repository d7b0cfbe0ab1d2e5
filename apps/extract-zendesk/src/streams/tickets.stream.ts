import { ticketsContract } from '@northstar/contracts';
import type { RecordStream, SourceRecord } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import { readCursorExport, type ReadScope } from './cursor-export';

/**
 * Tickets, deleted ones included (status `deleted`); custom_fields land
 * whole as JSON text, and the order-number field's value is copied out
 * under `_extract` (which field that is, is the account's configuration).
 */
export function ticketsStream(client: ZendeskClient, scope: ReadScope & { readonly orderFieldId?: number }): RecordStream {
  const exp = { path: '/api/v2/incremental/tickets/cursor.json', records: 'tickets', ordering: 'tickets' };
  return {
    contract: ticketsContract,
    read: async function* (position) {
      for await (const ticket of readCursorExport(client, exp, position, scope)) yield withOrderField(ticket, scope.orderFieldId);
    },
  };
}

function withOrderField(ticket: SourceRecord, fieldId: number | undefined): SourceRecord {
  const fields = Array.isArray(ticket['custom_fields']) ? (ticket['custom_fields'] as { id?: unknown; value?: unknown }[]) : [];
  const value = fieldId === undefined ? undefined : fields.find((f) => f.id === fieldId)?.value;
  return { ...ticket, _extract: { order_field_value: value === undefined || value === null || value === '' ? null : String(value) } };
}
