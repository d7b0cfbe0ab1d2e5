import type { AppConfigNeeds } from '@northstar/core';

/**
 * What load needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). The raw zone and the warehouse only: it loads what the extractors landed (and runs retention).
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'load', needs: [] } as const satisfies AppConfigNeeds;
