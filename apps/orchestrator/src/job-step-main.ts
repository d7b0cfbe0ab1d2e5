// The entry point of every app's image on AWS Batch (docker/Dockerfile):
// `job-step node /app/main.js <args>` runs the app as a child and records the
// job in ops.pipeline_runs when the launcher named its step
// (NORTHSTAR_PIPELINE_STEP), then exits as the app did.
import { createLogger, loadAppConfig, type NorthstarConfig } from '@northstar/core';
import { runJobStep } from './batch-job-step';
import { jobStepConfigNeeds } from './config-needs';

async function main(): Promise<number> {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    process.stderr.write('usage: job-step <command> [args...]: runs the command, recording it as its run\'s NORTHSTAR_PIPELINE_STEP\n');
    return 2;
  }
  let config: NorthstarConfig | undefined;
  try {
    config = loadAppConfig(jobStepConfigNeeds);
  } catch {
    config = undefined; // the app reports its own configuration error
  }
  const logger = createLogger({ level: config?.log.level ?? 'info', format: 'json', bindings: { app: 'job-step' } });
  return runJobStep(command, { env: process.env, config, logger, clock: () => new Date() });
}

void main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`job-step: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
