import { readFileSync } from 'node:fs';
import { ParameterTier } from 'aws-cdk-lib/aws-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssmParameterStore } from '../packages/core/src/aws/limits';
import {
  actionsOf,
  identityStatements,
  propertiesOf,
  referencedId,
  removeBuildOutput,
  resolveImport,
  resourceNamed,
  resourcesIn,
  resourcesOf,
  type StackName,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';
import { parameterTier } from './Partners';

const file = readFileSync(new URL('../config/partners.json', import.meta.url), 'utf8');

let deployed: Templates;
let dev: Templates;
beforeAll(async () => {
  deployed = await synthesize('test');
  dev = await synthesize('test', 'dev');
});
afterAll(removeBuildOutput);

// The functions that look partners up: Validate and SequenceAndStore (the workflow; the latter validates
// what partners put on the bus directly), the feed, the query routes and the admin actions (which check the
// partner in the path).
const readers: [StackName, string][] = [
  ['Workflow', 'Validate'],
  ['Workflow', 'SequenceAndStore'],
  ['Api', 'Feed'],
  ['Api', 'Query'],
  ['Api', 'Operate'],
];

/** The role of every policy, in any stack, that grants ssm:GetParameter, with what it grants it on. */
function parameterReaders(templates: Templates): { role: string | undefined; resources: unknown[] }[] {
  return Object.values(templates).flatMap((template) =>
    resourcesOf(template, 'AWS::IAM::Policy').flatMap(([policyId, policy]) => {
      const grants = identityStatements(template).filter(
        ({ resourceId, statement }) =>
          resourceId === policyId &&
          actionsOf(statement).some((action) => action === 'ssm:GetParameter' || action === 'ssm:*'),
      );
      if (grants.length === 0) return [];
      const roles = (propertiesOf(policy).Roles as unknown[]).map(referencedId);
      return roles.map((role) => ({
        role,
        resources: grants
          .flatMap(({ statement }) => resourcesIn(statement))
          .map((r) => resolveDeep(templates, r)),
      }));
    }),
  );
}

/** `value` with every cross-stack import in it, however deep, replaced by what it stands for. */
function resolveDeep(templates: Templates, value: unknown): unknown {
  const resolved = resolveImport(templates, value);
  if (Array.isArray(resolved)) return resolved.map((item) => resolveDeep(templates, item));
  if (typeof resolved !== 'object' || resolved === null) return resolved;
  return Object.fromEntries(
    Object.entries(resolved).map(([key, item]) => [key, resolveDeep(templates, item)]),
  );
}

function roleOf(templates: Templates, stack: StackName, constructId: string): string | undefined {
  return referencedId(
    propertiesOf(resourceNamed(templates[stack], 'AWS::Lambda::Function', constructId)[1]).Role,
  );
}

describe.each([
  ['deployed', () => deployed],
  ['under sst dev', () => dev],
] as const)('the partner registry, %s,', (_, templatesOf) => {
  it('is the SSM parameter /orders/test/partners holding config/partners.json', () => {
    const [, parameter] = singleResource(templatesOf().Partners, 'AWS::SSM::Parameter');
    const properties = propertiesOf(parameter);
    expect(properties).toMatchObject({ Name: '/orders/test/partners', Type: 'String', Tier: 'Standard' });
    expect(JSON.parse(properties.Value as string)).toEqual(JSON.parse(file));
  });

  it('is readable (ssm:GetParameter, on that parameter alone) by Validate, SequenceAndStore, the feed, the query and the operate function, and no other role', () => {
    const templates = templatesOf();
    const [parameterId] = singleResource(templates.Partners, 'AWS::SSM::Parameter');
    const grants = parameterReaders(templates);
    expect(grants.map((grant) => grant.role).sort()).toEqual(
      readers.map(([stack, id]) => roleOf(templates, stack, id)).sort(),
    );
    for (const { resources } of grants) {
      expect(resources).toHaveLength(1);
      expect(JSON.stringify(resources[0])).toContain(`"Ref":"${parameterId}"`);
      expect(JSON.stringify(resources[0])).not.toContain('*');
    }
  });

  it('is named to the functions that read it', () => {
    const templates = templatesOf();
    const [parameterId] = singleResource(templates.Partners, 'AWS::SSM::Parameter');
    for (const [stack, constructId] of readers) {
      const [, fn] = resourceNamed(templates[stack], 'AWS::Lambda::Function', constructId);
      const variables = (propertiesOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(resolveImport(templates, variables.PARTNERS_PARAMETER)).toEqual({ Ref: parameterId });
    }
  });
});

describe('the registry parameter’s tier', () => {
  it('is standard (free) up to 4 KB, advanced up to 8 KB, and refused beyond', () => {
    expect(parameterTier(file.length)).toBe(ParameterTier.STANDARD);
    expect(parameterTier(ssmParameterStore.standardMaxValueChars)).toBe(ParameterTier.STANDARD);
    expect(parameterTier(ssmParameterStore.standardMaxValueChars + 1)).toBe(ParameterTier.ADVANCED);
    expect(parameterTier(ssmParameterStore.advancedMaxValueChars)).toBe(ParameterTier.ADVANCED);
    expect(() => parameterTier(ssmParameterStore.advancedMaxValueChars + 1)).toThrow(/at most 8192/);
  });
});
