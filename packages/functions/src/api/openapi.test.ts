import { Access } from '@orders/core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { accessOf, routes } from './routes';

const document = openApiDocument();
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the document as `METHOD /path`, with the operation itself. */
function operationsOf(doc: typeof document): [string, Record<string, unknown>][] {
  return Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
    ([path, item]) =>
      Object.entries(item)
        .filter(([method]) => methods.includes(method))
        .map(([method, operation]): [string, Record<string, unknown>] => [
          `${method.toUpperCase()} ${path}`,
          operation,
        ]),
  );
}

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('is checked by a validator that refuses a broken copy', async () => {
    const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, object>> };
    broken.paths['/v1/stats'] = { get: { security: 'none' } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
    const dangling = structuredClone(document) as unknown as {
      components: { schemas: Record<string, unknown> };
    };
    delete dangling.components.schemas.Order;
    const validator = new Validator();
    await validator.validate(dangling);
    expect(() => validator.resolveRefs()).toThrow();
  });

  it('describes every route of the route table and nothing else', () => {
    expect(
      operationsOf(document)
        .map(([key]) => key)
        .sort(),
    ).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('names every path parameter of every route', () => {
    const parameters = document.components.parameters as Record<string, { name: string; in: string }>;
    for (const route of routes) {
      const [, operation] =
        operationsOf(document).find(([key]) => key === `${route.method} ${route.path}`) ?? [];
      const named = ((operation?.parameters ?? []) as { $ref: string }[])
        .map(({ $ref }) => parameters[$ref.split('/').pop() ?? ''])
        .filter((parameter) => parameter?.in === 'path')
        .map((parameter) => parameter?.name);
      expect(named).toEqual([...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
    }
  });

  it('asks each route for the credentials the access table admits there', () => {
    const expected: Record<Access.RouteAccess, unknown[]> = {
      'partner-submit': [{ partnerKey: [] }],
      'partner-read': [{ partnerKey: [] }, { operatorToken: ['operator'] }, { operatorToken: ['admin'] }],
      'operator-read': [{ operatorToken: ['operator'] }, { operatorToken: ['admin'] }],
      'admin-action': [{ operatorToken: ['admin'] }],
      public: [],
    };
    for (const route of routes) {
      const [, operation] =
        operationsOf(document).find(([key]) => key === `${route.method} ${route.path}`) ?? [];
      expect(operation?.security).toEqual(expected[accessOf(route)]);
    }
    expect(Object.keys(document.components.securitySchemes)).toEqual(['partnerKey', 'operatorToken']);
    expect(document.components.securitySchemes.partnerKey).toMatchObject({ in: 'header', name: 'x-api-key' });
    expect(document.components.securitySchemes.operatorToken).toMatchObject({
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('lists the refusals of each route: 401 and 403 wherever credentials count, 429 everywhere', () => {
    for (const route of routes) {
      const [, operation] =
        operationsOf(document).find(([key]) => key === `${route.method} ${route.path}`) ?? [];
      const statuses = Object.keys(operation?.responses as object);
      const guarded = Access.outcomes[accessOf(route)].none !== 'allow';
      for (const status of ['401', '403']) expect(statuses.includes(status)).toBe(guarded);
      expect(statuses).toContain('429');
    }
    const feed = operationsOf(document).find(([key]) => key === 'POST /v1/partners/{partnerId}/orders');
    expect(Object.keys(feed?.[1].responses as object)).toEqual([
      '202',
      '400',
      '401',
      '403',
      '413',
      '429',
      '503',
    ]);
  });
});
