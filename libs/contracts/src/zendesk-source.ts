import { defineSource, type SourceDeclaration } from './source-declaration';
import { zendeskContracts } from './zendesk-contracts';

/** The support domain's curated models: they read Zendesk and the orders DB (dim_customer), so both sources feed it. */
export const supportModels: readonly string[] = ['fct_support_tickets', 'fct_support_interactions'];

/**
 * Zendesk Support: the incremental exports (cursor-based for tickets, users
 * and the metric sets riding on tickets; time-based for ticket events) and
 * satisfaction ratings, each with an opaque checkpoint committed with its
 * load. The support models also read dim_customer, so they run in a
 * `support` domain job after both loads; the orders models never wait for
 * Zendesk. Nightly, the tickets export from 35 days back gives the tickets
 * created since, as key sets and per-day digests (counts, and a hash of
 * each ticket's status) for the repair.
 */
export const zendeskSource: SourceDeclaration = defineSource({
  name: 'zendesk',
  app: 'extract-zendesk',
  contracts: zendeskContracts,
  modes: ['hourly', 'nightly-key-sets'],
  cursorKind: 'api-cursor',
  feeds: { support: supportModels },
  digestStates: { tickets: ['status'] },
  keySets: { entities: ['tickets'], lookbackDays: 35 },
  // Ten export pages: a ticket row is wide (subject, tags, custom fields), and at 250k-row parts the peak RSS grew with the run to ~400 MB.
  maxRowsPerPart: 10_000,
});
