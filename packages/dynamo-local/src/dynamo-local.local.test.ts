import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startDynamoLocal } from './index';

const table: CreateTableCommandInput = {
  TableName: 'probe',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
};

describe('startDynamoLocal', () => {
  it('starts an in-memory engine that forgets its tables when stopped', async () => {
    const first = await startDynamoLocal();
    await first.client.send(new CreateTableCommand(table));
    await first.stop();

    const second = await startDynamoLocal({ port: first.port });
    const { TableNames } = await second.client.send(new ListTablesCommand({}));
    await second.stop();
    expect(TableNames).toEqual([]);
  });

  it('keeps tables on disk across restarts when given a data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamo-local-'));
    try {
      const first = await startDynamoLocal({ dataDir });
      await first.client.send(new CreateTableCommand(table));
      await first.stop();

      const second = await startDynamoLocal({ dataDir });
      const { TableNames } = await second.client.send(new ListTablesCommand({}));
      await second.stop();
      expect(TableNames).toEqual(['probe']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('restarts on the same port with its data, and the same client carries on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamo-local-'));
    const engine = await startDynamoLocal({ dataDir });
    try {
      await engine.client.send(new CreateTableCommand(table));
      const before = engine.pid;
      await engine.restart();
      expect(engine.pid).not.toBe(before);
      const { TableNames } = await engine.client.send(new ListTablesCommand({}));
      expect(TableNames).toEqual(['probe']);
    } finally {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
