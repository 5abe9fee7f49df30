import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertiesOf, removeBuildOutput, resourcesOf, synthesize, type Templates } from './infra-testing';
import { nodeRuntime } from './runtime';

const apps: [string, 'deploy' | 'dev'][] = [
  ['production', 'deploy'],
  ['staging', 'deploy'],
  ['dev-someone', 'dev'],
];
const synthesized = new Map<string, Templates>();
beforeAll(async () => {
  // One after the other: an app's templates must be taken before the next app is composed.
  for (const [stage, mode] of apps) synthesized.set(`${stage} ${mode}`, await synthesize(stage, mode));
}, 180_000);
afterAll(removeBuildOutput);

function functionsOf(templates: Templates) {
  return Object.entries(templates).flatMap(([stack, template]) =>
    resourcesOf(template, 'AWS::Lambda::Function').map(([id, fn]) => ({ stack, id, fn })),
  );
}

describe.each(apps)('the %s stage (%s)', (stage, mode) => {
  const templates = () => synthesized.get(`${stage} ${mode}`) as Templates;

  it(`runs every function on ${nodeRuntime}, those SST and the CDK add included`, () => {
    const functions = functionsOf(templates());
    // The handlers, and the custom-resource and log-retention functions that pinned older runtimes.
    expect(functions.length).toBeGreaterThanOrEqual(7);
    expect(functions.some(({ id }) => id.startsWith('CustomResourceHandler'))).toBe(true);
    expect(functions.some(({ id }) => id.startsWith('LogRetention'))).toBe(true);
    const elsewhere = functions
      .filter(({ fn }) => propertiesOf(fn).Runtime !== nodeRuntime)
      .map(({ stack, id, fn }) => `${stack}/${id}: ${String(propertiesOf(fn).Runtime)}`);
    expect(elsewhere).toEqual([]);
  });

  it(
    mode === 'dev' ? "puts SST's live-debugging stub in every handler" : 'deploys the handlers themselves',
    () => {
      const handlers = functionsOf(templates())
        .map(({ fn }) => String(propertiesOf(fn).Handler))
        .filter((handler) => handler !== 'index.handler');
      expect(handlers.length).toBe(7);
      for (const handler of handlers) {
        if (mode === 'dev') expect(handler).toBe('live-lambda.handler');
        else expect(handler).toMatch(/^packages\/functions\/src\//);
      }
    },
  );
});
