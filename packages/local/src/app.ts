import type { AddressInfo } from 'node:net';
import { createFeedHandler, createQueryHandler, type PartnerKeys } from '@orders/functions';
import { localExecutionSource } from './executions';
import { type RecoveryTimerOptions, startRecoveryTimers } from './recovery';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import { createLocalServer } from './server';

export interface LocalAppOptions extends LocalRuntimeOptions {
  keys: PartnerKeys;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  webRoot?: string;
  /** Redrives dead letters and re-announces pending submissions on timers while the app runs (`npm start`). */
  recovery?: RecoveryTimerOptions;
}

export interface LocalApp {
  runtime: LocalRuntime;
  url: string;
  stop(): Promise<void>;
}

/** The whole product on one port: runtime, HTTP API (the deployed handlers) and the web app. */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const runtime = await startLocalRuntime(options);
  const server = createLocalServer({
    handlers: {
      feed: createFeedHandler({
        store: runtime.store,
        publisher: runtime.bus,
        busName: runtime.bus.name,
        keys: options.keys,
      }),
      query: createQueryHandler({
        store: runtime.store,
        executions: localExecutionSource(runtime.executions),
      }),
    },
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
  });
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
  return {
    runtime,
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
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
