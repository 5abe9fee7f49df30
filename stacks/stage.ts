import { RemovalPolicy } from 'aws-cdk-lib';
import { StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { busName } from '../packages/core/src/events/sources';
import { getPartner } from '../packages/core/src/partner/registry';

/** Everything that differs between stages, decided here and nowhere else. */
export interface StageSettings {
  readonly production: boolean;
  readonly workflowType: StateMachineType;
  readonly removalPolicy: RemovalPolicy.RETAIN | RemovalPolicy.DESTROY;
  /** The AWS account each partner puts events from, by partner id; only these accounts may use the bus. */
  readonly partnerAccounts: Readonly<Record<string, string>>;
  /** The web app's custom domain; without one it is served from its CloudFront URL. */
  readonly webDomain?: string;
  /** Browser origins the API answers CORS requests from; the web domain is always one of them. */
  readonly webOrigins: readonly string[];
}

/** What a stage may configure; the rest follows from whether it is a production stage. */
interface StageConfig {
  readonly partnerAccounts?: Readonly<Record<string, string>>;
  readonly webDomain?: string;
  readonly webOrigins?: readonly string[];
}

const productionStages: ReadonlySet<string> = new Set(['production', 'prod']);

// The API cannot take the StaticSite's CloudFront URL as its CORS origin (the site is built with the
// API's URL, so each stack would wait for the other): a stage that serves the web app names its origin here.
const stageConfigs: Readonly<Record<string, StageConfig>> = {
  production: {},
  staging: {},
  // The infra tests' stage: made-up accounts and origin, so the tests can see policies and CORS restrict.
  test: {
    partnerAccounts: { 'partner-a': '111111111111', 'partner-b': '222222222222' },
    webOrigins: ['https://orders.test.example'],
  },
};

/** The settings of a stage; throws when its partner accounts name unknown partners or malformed ids. */
export function stageSettings(stage: string): StageSettings {
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
  const webOrigins = [
    ...(config.webDomain === undefined ? [] : [`https://${config.webDomain}`]),
    ...(config.webOrigins ?? []),
  ];
  return {
    production,
    // Express costs far less per order at volume; Standard keeps a browsable execution history, which is
    // what a non-production stage is for.
    workflowType: production ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    partnerAccounts,
    ...(config.webDomain === undefined ? {} : { webDomain: config.webDomain }),
    webOrigins,
  };
}

/**
 * The bus name of a stage. Stages can share an account, so the name carries the stage; the Workflow stack
 * addresses the bus by this name because the Events stack, which creates it, comes after it.
 */
export function orderBusName(stage: string): string {
  return `${stage}-${busName}`;
}
