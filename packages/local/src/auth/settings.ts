import { randomBytes, randomUUID } from 'node:crypto';
import type { Access } from '@orders/core';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A person who signs in to the web app; `groups` play the part of Cognito groups. */
export interface LocalOperator {
  username: string;
  password: string;
  groups: Access.OperatorRole[];
}

/** A script's client-credentials client; its roles become `orders/<role>` scopes, as on Cognito. */
export interface LocalScriptClient {
  clientId: string;
  clientSecret: string;
  roles: Access.OperatorRole[];
}

/** Everything the local issuer needs; `npm start` keeps it under .local/, tests make a fresh one. */
export interface LocalAuthSettings {
  operators: LocalOperator[];
  scriptClients: LocalScriptClient[];
  /** The RS256 private key tokens are signed with. */
  signingKey: JWK;
  /** Signs the issuer's session and interaction cookies. */
  cookieSecret: string;
}

/** The public client the web app signs in with (authorization code + PKCE, no secret). */
export const webClientId = 'orders-web';

/** A secret that a person can copy and a shell does not mangle. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** A fresh signing key and cookie secret, with the operators and script clients given. */
export async function newAuthSettings(
  people: Pick<LocalAuthSettings, 'operators' | 'scriptClients'>,
): Promise<LocalAuthSettings> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  return { ...people, signingKey, cookieSecret: randomBytes(32).toString('base64url') };
}

/** What a test run gets: an operator, and a script client per role (plus one without any role). */
export function testPeople(): Pick<LocalAuthSettings, 'operators' | 'scriptClients'> {
  return {
    operators: [{ username: 'operator', password: newSecret('pw'), groups: ['operator'] }],
    scriptClients: [
      { clientId: 'script-admin', clientSecret: newSecret('cs'), roles: ['admin'] },
      { clientId: 'script-operator', clientSecret: newSecret('cs'), roles: ['operator'] },
      { clientId: 'script-no-role', clientSecret: newSecret('cs'), roles: [] },
    ],
  };
}
