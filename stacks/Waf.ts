import { Stack } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { partnerRateLimit } from '../packages/core/src/access/limits';

/**
 * The web ACL at the CloudFront entry: a rate-based rule counting requests per `x-api-key`, with the same
 * budget the local server enforces (`partnerRateLimit`); past it WAF answers 429. Requests without the
 * header are not counted by this rule (WAF skips a request missing a custom key). A web ACL for CloudFront
 * must be created in us-east-1:
 * https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html
 */
export class PartnerRateLimit extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (region !== 'us-east-1') {
      throw new Error(`a web ACL for CloudFront must be in us-east-1, this stack is in ${region}`);
    }
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('orders-edge'),
      rules: [
        {
          name: 'per-partner-key-rate',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              limit: partnerRateLimit.limit,
              evaluationWindowSec: partnerRateLimit.evaluationWindowSeconds,
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [
                { header: { name: 'x-api-key', textTransformations: [{ priority: 0, type: 'NONE' }] } },
              ],
            },
          },
          visibilityConfig: visibility('orders-per-partner-key-rate'),
        },
      ],
    });
  }
}
