import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRateLimit } from '../packages/core/src/access/limits';
import { propertiesOf, removeBuildOutput, singleResource, synthesize, type Templates } from './infra-testing';

// The Web stack synthesizes inactive here (its site is not built), so its CloudFront distribution is not in
// the template; the ACL itself is. deployable.infra.test.ts shows the distribution taking the ACL's ARN.

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

describe('the CloudFront entry', () => {
  it('has a web ACL with a rate-based rule keyed on x-api-key, at the budget the local server enforces', () => {
    const [, acl] = singleResource(templates.Web, 'AWS::WAFv2::WebACL');
    expect(propertiesOf(acl)).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              Limit: partnerRateLimit.limit,
              EvaluationWindowSec: partnerRateLimit.evaluationWindowSeconds,
              AggregateKeyType: 'CUSTOM_KEYS',
              CustomKeys: [
                { Header: { Name: 'x-api-key', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
              ],
            },
          },
        },
      ],
    });
  });
});
