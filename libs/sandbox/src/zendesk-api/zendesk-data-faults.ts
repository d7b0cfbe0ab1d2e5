import type { ZendeskObjects, ZendeskTicket, ZendeskUser } from '../zendesk-objects';

/**
 * Faults in the account's data: a requester who is no shop customer (an
 * external id from another system, an email the shop does not know), a
 * deleted ticket, a deleted user.
 */
export type ZendeskDataFault = 'stranger-requester' | 'deleted-ticket' | 'deleted-user';

export interface ZendeskState {
  readonly objects: ZendeskObjects;
  readonly extraUsers: readonly ZendeskUser[];
  readonly extraTickets: readonly ZendeskTicket[];
  /** Changes laid over tickets of `objects` (a later update, a delete). */
  readonly ticketPatches: Map<number, Partial<ZendeskTicket>>;
}

export const STRANGER_USER_ID = 39_000_000_001;
export const STRANGER_TICKET_ID = 2_900_000_001;
/** Not a shop customer id: the shop's ids are numbers. */
export const STRANGER_EXTERNAL_ID = 'legacy-crm-77';

/** The state with the fault applied at `atSeconds` (inside the export's window). */
export function applyDataFault(state: ZendeskState, fault: ZendeskDataFault, atSeconds: number): ZendeskState {
  const at = new Date(atSeconds * 1000).toISOString().replace('.000', '');
  if (fault === 'stranger-requester') {
    const user: ZendeskUser = {
      id: STRANGER_USER_ID, name: 'Pat Stranger', email: 'pat.stranger@example.net', phone: null, external_id: STRANGER_EXTERNAL_ID,
      role: 'end-user', organization_id: null, active: true, suspended: false, time_zone: 'UTC', locale: 'en-US', created_at: at, updated_at: at,
    };
    const ticket: ZendeskTicket = {
      id: STRANGER_TICKET_ID, external_id: null, requester_id: user.id, submitter_id: user.id, assignee_id: null, organization_id: null,
      group_id: 360_000_000_001, brand_id: 360_000_000_002, subject: 'Do you ship to Iceland?', status: 'new', priority: 'normal', type: 'question',
      via: { channel: 'email' }, tags: ['presales'], custom_fields: [], due_at: null, created_at: at, updated_at: at, generated_timestamp: atSeconds,
    };
    return { ...state, extraUsers: [...state.extraUsers, user], extraTickets: [...state.extraTickets, ticket] };
  }
  if (fault === 'deleted-ticket') {
    const victim = state.objects.tickets.find((t) => !state.ticketPatches.has(t.id));
    if (!victim) throw new Error('deleted-ticket: the sandbox has no ticket to delete');
    state.ticketPatches.set(victim.id, { status: 'deleted', updated_at: at, generated_timestamp: atSeconds });
    return state;
  }
  const [victim, ...rest] = state.objects.users;
  if (!victim) throw new Error('deleted-user: the sandbox has no user to delete');
  return { ...state, objects: { ...state.objects, users: [...rest, { ...victim, active: false, updated_at: at }] } };
}
