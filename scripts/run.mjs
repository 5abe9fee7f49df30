// Runs a command of the repo on the Node major its Lambda functions run on (nodejs24.x), whatever Node
// started it: `npm start` and `npm test` work with any Node 20+ and npm. On first use it installs that
// Node and the pinned pnpm from the npm registry into .tools/ (npm's own install, checksums included),
// then the workspace with that pnpm; then it runs the command with that Node first on the PATH.
//
//   node scripts/run.mjs <command> [args…]      e.g. node scripts/run.mjs vitest run
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeVersion = manifest.config.nodeVersion;
const pnpmVersion = manifest.packageManager.split('@')[1];
const nodeMajor = Number(nodeVersion.split('.')[0]);

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node scripts/run.mjs <command> [args…]');
  process.exit(2);
}

const tools = ensureTools();
const path = [tools.nodeBin, tools.pnpmBin, join(root, 'node_modules', '.bin'), process.env.PATH ?? ''].join(
  delimiter,
);
const env = { ...process.env, PATH: path, npm_node_execpath: tools.node, NODE: tools.node };
ensureWorkspace(env);
ensureJava();
run(command, args, env);

/** Node and pnpm at the pinned versions: this Node when it is the pinned major, else the copy in .tools/. */
function ensureTools() {
  const dir = join(root, '.tools', `node-${nodeVersion}-pnpm-${pnpmVersion}`);
  const platformPackage = `node-${platformName()}-${process.arch}`;
  const nodeDir = join(dir, 'node_modules', platformPackage, 'bin');
  const pnpmBin = join(dir, 'node_modules', '.bin');
  const ownMajor = Number(process.versions.node.split('.')[0]);
  const ready = join(dir, '.ready');
  if (!existsSync(ready)) {
    const wanted = { pnpm: pnpmVersion };
    if (ownMajor !== nodeMajor) wanted[platformPackage] = nodeVersion;
    console.log(
      `Installing ${Object.entries(wanted)
        .map(([name, version]) => `${name}@${version}`)
        .join(' and ')} into .tools/ (once)…`,
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ private: true, dependencies: wanted }, null, 2)}\n`,
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error(`Could not install ${Object.keys(wanted).join(' and ')} from the npm registry.`);
      process.exit(result.status ?? 1);
    }
    writeFileSync(ready, `${new Date().toISOString()}\n`);
  }
  const node = ownMajor === nodeMajor ? process.execPath : join(nodeDir, 'node');
  if (!existsSync(node)) {
    console.error(`${node} is missing: remove .tools/ and run the command again.`);
    process.exit(1);
  }
  return { node, nodeBin: dirname(node), pnpmBin };
}

function platformName() {
  if (process.platform === 'win32') return 'win';
  return process.platform;
}

/** Installs the workspace when it never was, or when the lockfile changed since. */
function ensureWorkspace(env) {
  const stamp = join(root, 'node_modules', '.installed-with');
  const lock = join(root, 'pnpm-lock.yaml');
  const tag = `node ${nodeVersion}, pnpm ${pnpmVersion}\n`;
  const current =
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === tag &&
    statSync(stamp).mtimeMs >= statSync(lock).mtimeMs;
  if (current) return;
  console.log(`Installing the workspace with pnpm ${pnpmVersion} on Node ${nodeVersion}…`);
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, tag);
}

function ensureJava() {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (result.error === undefined && result.status === 0) return;
  console.error(
    'Java 17 or newer is required: DynamoDB Local runs on the JVM. Install a JDK (e.g. `apt-get install openjdk-17-jre-headless`) and try again.',
  );
  process.exit(1);
}

// The child gets the terminal. Ctrl-C reaches it through the process group, so this process only waits
// for it to finish stopping; other signals are passed on.
function run(command, args, env) {
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`could not run ${command}: ${error.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
}
