import * as path from 'node:path';
import type { AppCommand, AppEntry } from './running-app';

const entryFiles: Readonly<Record<AppEntry, string>> = {
  pipeline: 'apps/orchestrator/src/main.ts',
  'extract-orders-db': 'apps/extract-orders-db/src/main.ts',
  'extract-stripe': 'apps/extract-stripe/src/main.ts',
  'extract-zendesk': 'apps/extract-zendesk/src/main.ts',
  load: 'apps/load/src/main.ts',
  quality: 'apps/quality/src/main.ts',
};

/**
 * The apps of a checkout at `workspaceRoot`, run from source through tsx as
 * `npm run pipeline` does. The scenarios start them by path, never import
 * them: a lib may not depend on an app.
 */
export function appCommandIn(workspaceRoot: string): AppCommand {
  return (entry, args) => ({ command: process.execPath, args: ['--import', 'tsx', path.join(workspaceRoot, entryFiles[entry]), ...args], cwd: workspaceRoot });
}
