import { describe, expect, it, vi } from 'vitest';

const executionId = 'arn:aws:states:us-east-1:123456789012:execution:order-workflow:run-1';
const secretLookingValue = 'CARD-4111-1111-1111-1111';

function submittedEvent(payload: unknown) {
  return {
    version: '0',
    id: 'e-1',
    'detail-type': 'OrderSubmitted',
    source: 'orders.partner-a',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      submissionId: 'sub-1',
      partnerId: 'partner-a',
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload,
    },
  };
}

describe('handler logs', () => {
  it('carry the execution and submission ids as JSON and never the payload', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.resetModules();
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { createValidateHandler } = await import('./validate');
      const validate = createValidateHandler(() => new Date('2024-05-01T12:01:00Z'));
      await validate({
        event: submittedEvent({ orderId: 'A-1', skuId: secretLookingValue, quantity: '5' }),
        executionId,
      });
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const entries = lines.flatMap((line) => line.split('\n')).filter((line) => line.startsWith('{'));
    const entry = entries
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((e) => e.message === 'order invalid');
    expect(entry).toMatchObject({ level: 'INFO', service: 'orders', executionId, submissionId: 'sub-1' });
    expect(entry?.issueCodes).toEqual(expect.arrayContaining(['type', 'required']));
    expect(lines.join('')).not.toContain(secretLookingValue);
  });
});
