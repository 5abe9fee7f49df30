import { RemovalPolicy } from 'aws-cdk-lib';
import { StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { type WorkflowLogging, workflowLogging } from '../packages/core/src/aws/workflow-logging';
import { busName } from '../packages/core/src/events/sources';
import { getPartner } from '../packages/core/src/partner/registry';

/** Everything that differs between stages, decided here and nowhere else. */
export interface StageSettings {
  readonly production: boolean;
  readonly workflowType: StateMachineType;
  /** What the workflow sends to CloudWatch Logs: production never the execution data (docs/cost.md). */
  readonly workflowLogging: WorkflowLogging;
  readonly removalPolicy: RemovalPolicy.RETAIN | RemovalPolicy.DESTROY;
  /** The AWS account each partner puts events from, by partner id; only these accounts may use the bus. */
  readonly partnerAccounts: Readonly<Record<string, string>>;
  /** The web app's custom domain; without one it is served from its CloudFront URL. */
  readonly webDomain?: string;
  /** Browser origins the API answers CORS requests from; the web domain is always one of them. */
  readonly webOrigins: readonly string[];
  /**
   * A separate domain the web app calls its API on (`VITE_API_URL`); without one it calls its own origin,
   * whose `/v1/*` the distribution routes to the API.
   */
  readonly apiUrl?: string;
  /** Who the alarms notify: an email address or a chat webhook (HTTPS). */
  readonly alarmSubscribers: readonly AlarmSubscriber[];
  /** Functions shift traffic to a new version as a canary, rolled back on errors (not in `sst dev`). */
  readonly canary: boolean;
}

export type AlarmSubscriber = { readonly email: string } | { readonly webhookUrl: string };

/** What a stage may configure; the rest follows from whether it is a production stage. */
interface StageConfig {
  readonly partnerAccounts?: Readonly<Record<string, string>>;
  readonly webDomain?: string;
  readonly webOrigins?: readonly string[];
  readonly apiUrl?: string;
  readonly alarmSubscribers?: readonly AlarmSubscriber[];
}

const productionStages: ReadonlySet<string> = new Set(['production', 'prod']);

// The web app calls the API on its own origin (the distribution routes /v1/* to it), so a stage needs no
// CORS origin unless its web app calls the API on another domain (apiUrl) or other sites call it.
// Alarm subscribers are the people on call for a stage: set them before its first deploy.
const stageConfigs: Readonly<Record<string, StageConfig>> = {
  production: {},
  staging: {},
  // The infra tests' stage: made-up accounts and origin, so the tests can see policies and CORS restrict.
  test: {
    partnerAccounts: { 'partner-a': '111111111111', 'partner-b': '222222222222' },
    webOrigins: ['https://orders.test.example'],
    alarmSubscribers: [
      { email: 'orders-alarms@test.example' },
      { webhookUrl: 'https://chat.test.example/hooks/orders' },
    ],
  },
};

/**
 * The settings of a stage; throws when its partner accounts name unknown partners or malformed ids, or an
 * alarm subscriber is not an email address or an HTTPS URL. `mode` is the app's: `sst dev` runs no canary.
 */
export function stageSettings(stage: string, mode: 'deploy' | 'dev' | 'remove' = 'deploy'): StageSettings {
  const config = stageConfigs[stage] ?? {};
  const production = productionStages.has(stage);
  const partnerAccounts = config.partnerAccounts ?? {};
  for (const [partnerId, account] of Object.entries(partnerAccounts)) {
    if (getPartner(partnerId) === undefined) {
      throw new Error(`stage ${stage}: no partner is registered as ${partnerId}`);
    }
    if (!/^\d{12}$/.test(account)) {
      throw new Error(`stage ${stage}: ${account} (partner ${partnerId}) is not an AWS account id`);
    }
  }
  const alarmSubscribers = config.alarmSubscribers ?? [];
  for (const subscriber of alarmSubscribers) {
    if (
      'email' in subscriber ? !/^[^@\s]+@[^@\s]+$/.test(subscriber.email) : !isHttps(subscriber.webhookUrl)
    ) {
      throw new Error(
        `stage ${stage}: alarm subscriber ${JSON.stringify(subscriber)} is not an email or HTTPS URL`,
      );
    }
  }
  if (config.apiUrl !== undefined && !isHttps(config.apiUrl)) {
    throw new Error(`stage ${stage}: apiUrl ${config.apiUrl} is not an HTTPS URL`);
  }
  const webOrigins = [
    ...(config.webDomain === undefined ? [] : [`https://${config.webDomain}`]),
    ...(config.webOrigins ?? []),
  ];
  return {
    production,
    // Express costs far less per order at volume; Standard keeps a browsable execution history, which is
    // what a non-production stage is for.
    workflowType: production ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
    // Production logs failures without their data: orders never reach a log, and the bill stays small.
    // Other stages log every event with its input and output, to debug with.
    workflowLogging: production ? workflowLogging.production : workflowLogging.full,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    partnerAccounts,
    ...(config.webDomain === undefined ? {} : { webDomain: config.webDomain }),
    webOrigins,
    ...(config.apiUrl === undefined ? {} : { apiUrl: config.apiUrl }),
    alarmSubscribers,
    canary: mode !== 'dev',
  };
}

function isHttps(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The bus name of a stage. Stages can share an account, so the name carries the stage; the Workflow stack
 * addresses the bus by this name because the Events stack, which creates it, comes after it.
 */
export function orderBusName(stage: string): string {
  return `${stage}-${busName}`;
}
