// Run in a child process by the fault tests: starts the product on a data dir, submits a mixed load,
// reports each submission, and says "in-flight" while executions are still running, so that the parent
// can kill the whole process group mid-work, as a crash would.
import { startLocalRuntime } from '../runtime';
import { mixedLoad } from './mixed-load';
import { submit } from './submit';

const dataDir = process.env.CRASH_DATA_DIR;
const count = Number(process.env.CRASH_COUNT ?? 150);
if (dataDir === undefined) throw new Error('CRASH_DATA_DIR is required');

const runtime = await startLocalRuntime({ dataDir });
const load = mixedLoad(count);
await Promise.all(
  load.map(async ({ partnerId, payload }) => {
    const [submission] = await submitRetrying(partnerId, payload);
    if (submission)
      process.stdout.write(`${JSON.stringify({ partnerId, submissionId: submission.submissionId })}\n`);
  }),
);
process.stdout.write(`in-flight ${runtime.workflow.pending}\n`);

// As a partner retries a 503: on disk under load DynamoDB Local may answer InternalServerError ("timed out
// waiting for a lock") past the SDK's own retries, and the test's crash must be the only fault it sees.
async function submitRetrying(partnerId: string, payload: unknown, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submit(runtime, partnerId, [payload]);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
// Keeps working until killed.
await runtime.idle();
process.stdout.write('idle\n');
