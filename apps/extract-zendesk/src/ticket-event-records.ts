import type { SourceRecord } from '@northstar/extract';

/** Keys of a child event that describe it rather than name the field it set. */
const EVENT_KEYS = new Set(['id', 'via', 'via_reference_id', 'event_type', 'previous_value', 'comment_present', 'comment_public', 'added_tags', 'removed_tags', 'body', 'html_body', 'public', 'author_id', 'attachments', 'type']);

/**
 * One record per child event of an audit (the ticket_events contract's
 * grain): a comment (public reply or internal note), a field set at creation
 * or changed, a rating. The field a Create or Change sets is the one key
 * that is not the event's own (`status`, `priority`, `assignee_id`, ...);
 * its value is kept as text, a list as JSON.
 */
export function childEventRecords(audit: SourceRecord): SourceRecord[] {
  const children = Array.isArray(audit['child_events']) ? (audit['child_events'] as Record<string, unknown>[]) : [];
  return children.map((child) => {
    const field = fieldOf(child);
    return {
      id: child['id'],
      audit_id: audit['id'],
      ticket_id: audit['ticket_id'],
      updater_id: audit['updater_id'],
      via: typeof child['via'] === 'string' ? child['via'] : audit['via'] ?? null,
      event_type: child['event_type'],
      comment_public: child['event_type'] === 'Comment' ? child['comment_public'] ?? child['public'] ?? null : null,
      field_name: field ?? null,
      value: field === undefined ? null : text(child[field]),
      previous_value: text(child['previous_value']),
      created_at: audit['created_at'] ?? audit['timestamp'],
    };
  });
}

function fieldOf(child: Record<string, unknown>): string | undefined {
  if (child['event_type'] === 'SatisfactionRating') return 'score';
  if (child['event_type'] !== 'Create' && child['event_type'] !== 'Change') return undefined;
  return Object.keys(child).find((key) => !EVENT_KEYS.has(key));
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
