/**
 * Zendesk Support API objects, with the fields the zendesk contracts read.
 * Ids are 64-bit in Zendesk, beyond 2^32 (here still below 2^53).
 */

/** Zendesk's ticket field that holds the order number the customer wrote in. */
export const ZENDESK_ORDER_ID_FIELD = 360_000_123_456; // LOCAL_ZENDESK.orderFieldId in libs/core config

export interface ZendeskUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  /** The customer_id, for users the shop's SSO created; null for users who simply emailed in. */
  readonly external_id: string | null;
  readonly role: 'end-user';
  readonly organization_id: null;
  /** False once the user is deleted. */
  readonly active: boolean;
  readonly suspended: boolean;
  readonly time_zone: string;
  readonly locale: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** `deleted` is how the incremental export shows a deleted ticket. */
export type ZendeskTicketStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed' | 'deleted';
type Minutes = { readonly calendar: number | null; readonly business: number | null };

export interface ZendeskTicket {
  readonly id: number;
  readonly external_id: null;
  readonly requester_id: number;
  readonly submitter_id: number;
  readonly assignee_id: number | null;
  readonly organization_id: null;
  readonly group_id: number;
  readonly brand_id: number;
  readonly subject: string;
  readonly status: ZendeskTicketStatus;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent';
  readonly type: 'question' | 'problem';
  readonly via: { readonly channel: 'email' | 'web' };
  readonly tags: readonly string[];
  readonly custom_fields: readonly { readonly id: number; readonly value: string | null }[];
  readonly due_at: null;
  readonly created_at: string;
  readonly updated_at: string;
  /** Unix seconds. */
  readonly generated_timestamp: number;
}

export interface ZendeskTicketMetric {
  readonly id: number;
  readonly ticket_id: number;
  readonly reopens: number;
  readonly replies: number;
  readonly assignee_stations: number;
  readonly group_stations: number;
  readonly reply_time_in_minutes: Minutes;
  readonly first_resolution_time_in_minutes: Minutes;
  readonly full_resolution_time_in_minutes: Minutes;
  readonly agent_wait_time_in_minutes: Minutes;
  readonly requester_wait_time_in_minutes: Minutes;
  readonly on_hold_time_in_minutes: Minutes;
  readonly assigned_at: string | null;
  readonly solved_at: string | null;
  readonly latest_comment_added_at: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ZendeskSatisfactionRating {
  readonly id: number;
  readonly ticket_id: number;
  readonly requester_id: number;
  readonly assignee_id: number | null;
  readonly group_id: number;
  readonly score: 'offered' | 'good' | 'bad';
  readonly comment: string | null;
  readonly reason: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ZendeskObjects {
  readonly users: readonly ZendeskUser[];
  readonly tickets: readonly ZendeskTicket[];
  readonly ticketMetrics: readonly ZendeskTicketMetric[];
  readonly satisfactionRatings: readonly ZendeskSatisfactionRating[];
}
