import { usersContract } from '@northstar/contracts';
import type { RecordStream } from '@northstar/extract';
import type { ZendeskClient } from '../zendesk-client';
import { readCursorExport, type ReadScope } from './cursor-export';

/** End users and agents; a deleted user comes as `active: false`. */
export function usersStream(client: ZendeskClient, scope: ReadScope): RecordStream {
  const exp = { path: '/api/v2/incremental/users/cursor.json', records: 'users', ordering: 'users' };
  return { contract: usersContract, read: (position) => readCursorExport(client, exp, position, scope) };
}
