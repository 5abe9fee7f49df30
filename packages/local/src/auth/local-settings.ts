import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type LocalAuthSettings, type LocalScriptClient, newAuthSettings, newSecret } from './settings';

/**
 * The local issuer's settings for `npm start`: generated on first start (an operator with a password, an
 * `admin` script client, the signing key) and kept in `file` (under .local/, never in the repo).
 * `OPERATOR_CLIENT=<clientId>:<clientSecret>` sets the script client instead.
 */
export async function loadAuthSettings(
  file: string,
  operatorClient: string | undefined,
): Promise<{ settings: LocalAuthSettings; source: string }> {
  let settings: LocalAuthSettings;
  let source = file;
  if (existsSync(file)) {
    settings = JSON.parse(readFileSync(file, 'utf8')) as LocalAuthSettings;
  } else {
    settings = await newAuthSettings({
      operators: [{ username: 'operator', password: newSecret('pw'), groups: ['operator', 'admin'] }],
      scriptClients: [{ clientId: 'orders-script', clientSecret: newSecret('cs'), roles: ['admin'] }],
    });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    source = `${file} (generated now)`;
  }
  if (operatorClient !== undefined && operatorClient !== '') {
    settings = { ...settings, scriptClients: [parseOperatorClient(operatorClient)] };
    source = 'OPERATOR_CLIENT';
  }
  return { settings, source };
}

function parseOperatorClient(text: string): LocalScriptClient {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1)
    throw new Error('OPERATOR_CLIENT must look like <clientId>:<clientSecret>');
  return { clientId: text.slice(0, at), clientSecret: text.slice(at + 1), roles: ['admin'] };
}
