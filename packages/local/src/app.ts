import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  createFeedHandler,
  createOperateHandler,
  createQueryHandler,
  type PartnerKeys,
  type TokenVerifier,
} from '@orders/functions';
import { createLocalIssuer, type LocalIssuer } from './auth/issuer';
import { type LocalAuthSettings, newAuthSettings, testPeople } from './auth/settings';
import { createEventBridgeApi } from './eventbridge-api';
import { localExecutionSource } from './executions';
import { type RecoveryTimerOptions, startRecoveryTimers } from './recovery';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import { createLocalServer, type LocalServerOptions } from './server';

export interface LocalAppOptions extends LocalRuntimeOptions {
  keys: PartnerKeys;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  webRoot?: string;
  /** Redrives dead letters and re-announces pending submissions on timers while the app runs (`npm start`). */
  recovery?: RecoveryTimerOptions;
  /** The local issuer's operators, script clients and keys; fresh ones (see `testPeople`) when absent. */
  auth?: LocalAuthSettings;
  /** Per-key request budget; `Access.partnerRateLimit` when absent. */
  rateLimit?: { limit: number; evaluationWindowSeconds: number };
  /**
   * The partners' keys in the clear, for the PutEvents API at `/eventbridge`: each partner signs with its id
   * as access key id and its key as secret access key (`keys` keeps only digests). Absent, no one can sign.
   */
  signingKeys?: Iterable<[partnerId: string, key: string]>;
}

export interface LocalApp {
  runtime: LocalRuntime;
  url: string;
  /** The operators and script clients the local issuer knows, and the issuer itself. */
  auth: LocalAuthSettings & { issuer: LocalIssuer };
  stop(): Promise<void>;
}

/** The whole product on one port: runtime, HTTP API (the deployed handlers) and the web app. */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const settings = options.auth ?? (await newAuthSettings(testPeople()));
  const runtime = await startLocalRuntime(options);
  // The issuer's URL names the port, which is known only once the server listens.
  let issuer: LocalIssuer | undefined;
  const tokens: TokenVerifier = async (token) => issuer?.verify(token);
  const serverOptions: LocalServerOptions = {
    handlers: {
      feed: createFeedHandler({
        store: runtime.store,
        publisher: runtime.bus,
        busName: runtime.bus.name,
        keys: options.keys,
        tokens,
      }),
      operate: createOperateHandler({
        replays: runtime.replays,
        store: runtime.store,
        publisher: runtime.bus,
        busName: runtime.bus.name,
        keys: options.keys,
        tokens,
      }),
      query: createQueryHandler({
        store: runtime.store,
        executions: localExecutionSource(runtime.executions),
        // The rule's dead letters and the rejection recorder's on-failure records, as AWS keeps both in queues.
        deadLetters: async () => runtime.bus.deadLetters.length + runtime.recordError.onFailure.length,
        keys: options.keys,
        tokens,
        // Cursors are signed per run: one from before a restart is refused (400), like any other stranger's.
        cursorKey: randomBytes(32).toString('base64url'),
      }),
    },
    eventBridge: createEventBridgeApi({
      bus: runtime.bus,
      secretFor: secretsOf(options.signingKeys ?? []),
      region: runtime.bus.region,
      account: runtime.bus.account,
      busName: runtime.bus.name,
    }),
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  };
  const server = createLocalServer(serverOptions);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const stopRecovery =
    options.recovery === undefined ? async () => {} : startRecoveryTimers(runtime, options.recovery);
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
  issuer = createLocalIssuer(url, settings);
  serverOptions.auth = issuer;
  return {
    runtime,
    url,
    auth: { ...settings, issuer },
    stop: async () => {
      await stopRecovery();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.stop();
    },
  };
}

// A partner with two keys (a rotation under way) signs with the first.
function secretsOf(keys: Iterable<[string, string]>): (accessKeyId: string) => string | undefined {
  const secrets = new Map<string, string>();
  for (const [partnerId, key] of keys) if (!secrets.has(partnerId)) secrets.set(partnerId, key);
  return (accessKeyId) => secrets.get(accessKeyId);
}
