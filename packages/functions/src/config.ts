import { defaultRecoveryMinAgeMs } from '@orders/core/submission/recovery-age';
import * as v from 'valibot';

const Setting = v.pipe(v.string(), v.nonEmpty());
const Environment = v.object({
  TABLE_NAME: Setting,
  EVENT_BUS_NAME: v.optional(Setting, 'orders'),
  /** The bus's ARN: where replays send the archive's events back to. */
  EVENT_BUS_ARN: v.optional(Setting),
  /** `{"all": <archive ARN>, "byPartner": {"<partnerId>": <archive ARN>, …}}`: what replays read. */
  REPLAY_ARCHIVES: v.optional(Setting),
  /** The OrderSubmitted rule's ARN: the one rule replays go to (StartReplay's FilterArns). */
  REPLAY_RULE_ARN: v.optional(Setting),
  /** The order workflow, for the executions routes. */
  STATE_MACHINE_ARN: v.optional(Setting),
  /** `partner-a:<key>,…`; on AWS the PARTNER_KEYS secret is used instead (see `aws/partner-keys.ts`). */
  PARTNER_KEYS: v.optional(Setting),
  /** Set by SST on functions bound to a secret: where in SSM the stage's secrets are (`secrets.ts`). */
  SST_SSM_PREFIX: v.optional(v.string()),
  SST_APP: v.optional(Setting),
  /** `{"<partnerId>": "<secret ARN>", …}`: each partner's keys in their own Secrets Manager secret. */
  PARTNER_KEY_SECRETS: v.optional(Setting),
  /** The SSM parameter that holds the partner registry (config/partners.json), re-read every minute. */
  PARTNERS_PARAMETER: v.optional(Setting),
  /** Signs listing cursors; on AWS the CURSOR_KEY secret is used instead (see `aws/cursor-key.ts`). */
  CURSOR_KEY: v.optional(Setting),
  /** The operators' token issuer (the Cognito user pool's URL), for bearer tokens on partner-scoped reads. */
  OPERATOR_ISSUER: v.optional(Setting),
  /** Comma-separated client ids whose tokens the API accepts. */
  OPERATOR_AUDIENCES: v.optional(Setting),
  /** How long a submission stays pending before the recovery schedule announces it again. */
  RECOVERY_MIN_AGE_MINUTES: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(1)),
    String(defaultRecoveryMinAgeMs / 60_000),
  ),
});
export type Config = v.InferOutput<typeof Environment>;

let config: Config | undefined;

/** The deployed functions' configuration, read from the environment once; names every missing key. */
export function readConfig(environment: Record<string, string | undefined> = process.env): Config {
  if (config !== undefined) return config;
  const result = v.safeParse(Environment, environment);
  if (!result.success) {
    const keys = result.issues.map((issue) => v.getDotPath(issue) ?? '?').join(', ');
    throw new Error(`missing or invalid configuration: ${keys}`);
  }
  config = result.output;
  return config;
}

/** A setting that this function cannot do without. */
export function requireSetting<TKey extends keyof Config>(key: TKey): NonNullable<Config[TKey]> {
  const value = readConfig()[key];
  if (value === undefined || value === null) throw new Error(`missing configuration: ${key}`);
  return value as NonNullable<Config[TKey]>;
}
