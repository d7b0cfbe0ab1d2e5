import type { AppConfigNeeds } from '@northstar/core';

/**
 * What orchestrator needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). The raw zone (launch claims) and the warehouse only: each job it runs checks its own needs.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'orchestrator', needs: [] } as const satisfies AppConfigNeeds;

/** job-step, the entry point of every image: it records the job in the warehouse, whatever the app. */
export const jobStepConfigNeeds = { app: 'job-step', needs: [] } as const satisfies AppConfigNeeds;
