import { join } from 'node:path';
import { Events } from '@orders/core';
import { startLocalRuntime } from './runtime';

/** Where the local product keeps its dead letters under its state directory (`.local/`). */
export function deadLetterFile(localDir: string): string {
  return join(localDir, 'dead-letters.jsonl');
}

/** Redrives the dead letters kept under `localDir` and waits until what they started has settled. */
export async function redriveLocal(localDir: string): Promise<Events.RedriveReport> {
  const runtime = await startLocalRuntime({
    dataDir: join(localDir, 'dynamodb'),
    executionLogFile: join(localDir, 'executions.jsonl'),
    bus: { deadLetterFile: deadLetterFile(localDir) },
  });
  try {
    const report = await Events.redriveDeadLetters(
      runtime.bus.deadLetterQueue(),
      runtime.bus,
      runtime.bus.name,
    );
    await runtime.idle();
    return report;
  } finally {
    await runtime.stop();
  }
}
