import { type StackContext, StaticSite, use } from 'sst/constructs';
import { Api } from './Api';
import { apiPathPattern, appRouting, SameOriginApi } from './same-origin-api';
import { stageSettings } from './stage';
import { PartnerRateLimit } from './Waf';

/** The operators' web app; its distribution also serves the API, under /v1, on the same origin. */
export function Web({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { api, auth } = use(Api);
  const sameOriginApi = new SameOriginApi(stack, 'SameOriginApi', api.cdk.httpApi);

  const rateLimit = new PartnerRateLimit(stack, 'PartnerRateLimit');
  const site = new StaticSite(stack, 'Site', {
    path: 'web',
    buildCommand: 'pnpm run build',
    buildOutput: 'dist',
    environment: {
      // The app calls its own origin unless the stage puts the API on a domain of its own.
      ...(settings.apiUrl === undefined ? {} : { VITE_API_URL: settings.apiUrl }),
      // Operators sign in at the user pool's hosted sign-in (code + PKCE with the public web client).
      VITE_AUTH_ISSUER: auth.issuer,
      VITE_AUTH_CLIENT_ID: auth.webClient.userPoolClientId,
      VITE_AUTH_LOGOUT_URL: `${auth.signInDomain}/logout`,
    },
    // SST would write web/src/sst-env.d.ts on every synthesis; the web package declares its env itself.
    vite: { types: '../.sst/web-env.d.ts' },
    ...(settings.webDomain === undefined ? {} : { customDomain: settings.webDomain }),
    cdk: {
      distribution: {
        webAclId: rateLimit.webAcl.attrArn,
        // No error responses: they would apply to the API's answers too (see appRouting).
        errorResponses: [],
        defaultBehavior: { functionAssociations: appRouting(stack) },
        additionalBehaviors: { [apiPathPattern]: sameOriginApi.behavior },
      },
    },
  });

  stack.addOutputs({ SiteUrl: site.customDomainUrl ?? site.url });
  return { site };
}
