import { SSMClient } from '@aws-sdk/client-ssm';
import { readConfig } from '../config';
import { readSecret } from '../secrets';

/**
 * The key cursors are signed with: CURSOR_KEY in the environment, or the CURSOR_KEY SST secret read from
 * SSM with retries (not through sst/node/config, whose import-time fetch fails a container for good).
 */
export async function awsCursorKey(): Promise<string> {
  const { CURSOR_KEY, SST_SSM_PREFIX, SST_APP } = readConfig();
  if (CURSOR_KEY !== undefined) return CURSOR_KEY;
  if (SST_SSM_PREFIX === undefined || SST_APP === undefined)
    throw new Error('missing configuration: the CURSOR_KEY secret is not bound');
  const ssm = new SSMClient({});
  return readSecret(ssm, 'CURSOR_KEY', { ssmPrefix: SST_SSM_PREFIX, app: SST_APP });
}
