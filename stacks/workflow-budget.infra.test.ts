import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepFunctions } from '../packages/core/src/aws/limits';
import { type StateMachineShape, worstCaseSeconds } from '../packages/core/src/workflow/worst-case';
import {
  propertiesOf,
  removeBuildOutput,
  resourceNamed,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('production');
});
afterAll(removeBuildOutput);

/** The definition production deploys, as the template carries it (placeholders are substituted by AWS). */
function deployedDefinition(): { type: unknown; definition: StateMachineShape } {
  const [, resource] = singleResource(templates.Workflow, 'AWS::StepFunctions::StateMachine');
  const properties = propertiesOf(resource);
  expect(typeof properties.DefinitionString).toBe('string');
  return {
    type: properties.StateMachineType,
    definition: JSON.parse(properties.DefinitionString as string) as StateMachineShape,
  };
}

describe('the production workflow fits the Express time limit', () => {
  it('runs as Express, whose executions AWS stops after five minutes', () => {
    expect(deployedDefinition().type).toBe('EXPRESS');
  });

  it('keeps its worst-case retry time, computed from the deployed ASL, under five minutes', () => {
    const seconds = worstCaseSeconds(deployedDefinition().definition);
    console.log(`worst case: ${seconds} s of ${stepFunctions.expressMaxDurationSeconds} s`);
    expect(seconds).toBeLessThan(stepFunctions.expressMaxDurationSeconds);
  });

  it('gives each Lambda task more time than its deployed function has', () => {
    const { States } = deployedDefinition().definition as {
      States: Record<string, { TimeoutSeconds: number }>;
    };
    for (const [state, construct] of [
      ['Validate', 'Validate'],
      ['SequenceAndStore', 'SequenceAndStore'],
      ['RecordSubmission', 'SequenceAndStore'],
    ] as const) {
      const [, fn] = resourceNamed(templates.Workflow, 'AWS::Lambda::Function', construct);
      expect(propertiesOf(fn).Timeout).toBeLessThan(States[state]?.TimeoutSeconds ?? 0);
    }
  });
});
