import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Function as SstFunction, StackContext } from 'sst/constructs';
import { ssmParameterStore } from '../packages/core/src/aws/limits';
import { repositoryPartnersFile } from '../packages/core/src/partner/registry';

/**
 * The tier a registry of `chars` characters needs: standard (free) while it fits 4 KB, advanced (charged,
 * and one-way) up to 8 KB; beyond that no parameter holds it and the synthesis stops.
 */
export function parameterTier(chars: number): ParameterTier {
  if (chars <= ssmParameterStore.standardMaxValueChars) return ParameterTier.STANDARD;
  if (chars <= ssmParameterStore.advancedMaxValueChars) return ParameterTier.ADVANCED;
  throw new Error(
    `config/partners.json is ${chars} characters as JSON; an SSM parameter holds at most ${ssmParameterStore.advancedMaxValueChars}`,
  );
}

/**
 * The partner registry of the stage: config/partners.json (validated when core loads it, so a malformed file
 * fails the synthesis), written to `/<app>/<stage>/partners`. The functions that read partners re-read it
 * every minute, so a change to a format takes no redeploy of their code.
 */
export function Partners({ stack, app }: StackContext) {
  const value = JSON.stringify(repositoryPartnersFile);
  const parameter = new StringParameter(stack, 'Registry', {
    parameterName: `/${app.name}/${app.stage}/partners`,
    description: 'The partner registry: config/partners.json (partners and their formats; never keys)',
    stringValue: value,
    tier: parameterTier(value.length),
  });
  /** Lets `fn` read the registry (GetParameter on this parameter only) and tells it where it is. */
  const grantRead = (fn: SstFunction) => {
    fn.addEnvironment('PARTNERS_PARAMETER', parameter.parameterName);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameter.parameterArn] }),
    );
  };
  return { parameter, grantRead };
}
