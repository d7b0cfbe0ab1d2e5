import { partnerFilesContracts } from './partner-files-contracts';
import { defineSource, type SourceDeclaration } from './source-declaration';

/**
 * Fulfilment partners' CSV drops under partners/<partner>/ of the raw zone's
 * bucket: every object not taken before (the ledger, ops.partner_files), in
 * the formats of partner-files-partners.ts. fct_shipments reads them alone
 * (its order_sk is the order's hash key), so orders never wait for a partner.
 */
export const partnerFilesSource: SourceDeclaration = defineSource({
  name: 'partner_files',
  app: 'extract-partner-files',
  contracts: partnerFilesContracts,
  modes: ['hourly'],
  cursorKind: 'object-listing',
  feeds: { fulfilment: ['fct_shipments'] },
  // A quarantined file fails this job, not the extract: the other partners' files load this hour.
  afterLoadReport: ['--report-quarantine'],
  // A run is as large as the files it takes: 250k-row parts grew the peak RSS with the file (459-477 MB at 1 GB), 50k held it flat (D25).
  maxRowsPerPart: 50_000,
});
