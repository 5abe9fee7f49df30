import { Fn } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';

/** The paths the site's distribution hands to the HTTP API: every route is under /v1. */
export const apiPathPattern = '/v1/*';

/**
 * The web app's distribution serves the API on its own origin, so the app calls `/v1/…` with no CORS and
 * no second deploy to learn the site's URL.
 *
 * - Nothing is cached: every answer is per key and per moment.
 * - Every viewer header but Host reaches the API. API Gateway needs Host to be its own domain
 *   (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html,
 *   AllViewerExceptHostHeader), and CloudFront forwards `Authorization` only with all viewer headers: an
 *   origin request policy cannot name it (https://repost.aws/knowledge-center/cloudfront-authorization-header).
 *   So `x-api-key`, `authorization` and `content-type` all arrive, with every query string; cookies do not
 *   (the API reads none).
 */
export class SameOriginApi extends Construct {
  readonly behavior: BehaviorOptions;
  readonly originRequestPolicy: OriginRequestPolicy;

  constructor(scope: Construct, id: string, httpApi: IHttpApi) {
    super(scope, id);
    this.originRequestPolicy = new OriginRequestPolicy(this, 'OriginRequests', {
      comment: 'The HTTP API: every viewer header but Host, every query string, no cookies.',
      headerBehavior: OriginRequestHeaderBehavior.denyList('host'),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    this.behavior = {
      origin: new HttpOrigin(Fn.parseDomainName(httpApi.apiEndpoint), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: this.originRequestPolicy,
    };
  }
}

/**
 * The app routes in the browser: a path that names no file is the app's page. Done in a viewer-request
 * function rather than with the distribution's error responses, which apply to every behaviour and would
 * turn the API's 403 and 404 answers into the app's page.
 */
export function appRouting(scope: Construct): BehaviorOptions['functionAssociations'] {
  const routing = new CloudFrontFunction(scope, 'AppRouting', {
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (!request.uri.startsWith('/.well-known/') && last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`),
  });
  return [{ function: routing, eventType: FunctionEventType.VIEWER_REQUEST }];
}
