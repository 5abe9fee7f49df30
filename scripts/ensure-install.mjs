// Lets `npm start` and `npm test` work on a fresh clone: installs the workspace with the pinned pnpm
// when it has not been installed yet, and says clearly when Java (needed by DynamoDB Local) is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) {
  console.log(`Installing dependencies with pnpm ${pnpmVersion}…`);
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  const result = spawnSync('npx', ['--yes', `pnpm@${pnpmVersion}`, 'install', ...frozen], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  execFileSync('java', ['-version'], { stdio: 'ignore' });
} catch {
  console.error(
    'Java 17 or newer is required: DynamoDB Local runs on the JVM. Install a JDK (e.g. `apt-get install openjdk-17-jre-headless`) and try again.',
  );
  process.exit(1);
}
