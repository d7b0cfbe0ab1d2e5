import type { AppConfigNeeds } from '@northstar/core';

/**
 * What extract-zendesk needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). It reads the Zendesk account and masks PII outside prod.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'extract-zendesk', needs: ['mask-key', 'zendesk'] } as const satisfies AppConfigNeeds;
