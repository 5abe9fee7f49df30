import { type StackContext, StaticSite, use } from 'sst/constructs';
import { Api } from './Api';
import { stageSettings } from './stage';
import { PartnerRateLimit } from './Waf';

/** The operators' web app, built with the API's URL baked in. */
export function Web({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage);
  const { api, auth } = use(Api);

  const rateLimit = new PartnerRateLimit(stack, 'PartnerRateLimit');
  const site = new StaticSite(stack, 'Site', {
    path: 'web',
    buildCommand: 'pnpm run build',
    buildOutput: 'dist',
    // The app routes in the browser: any path that is not a file is the app.
    errorPage: 'redirect_to_index_page',
    environment: {
      VITE_API_URL: api.url,
      // Operators sign in at the user pool's hosted sign-in (code + PKCE with the public web client).
      VITE_AUTH_ISSUER: auth.issuer,
      VITE_AUTH_CLIENT_ID: auth.webClient.userPoolClientId,
      VITE_AUTH_LOGOUT_URL: `${auth.signInDomain}/logout`,
    },
    // SST would write web/src/sst-env.d.ts on every synthesis; the web package declares its env itself.
    vite: { types: '../.sst/web-env.d.ts' },
    ...(settings.webDomain === undefined ? {} : { customDomain: settings.webDomain }),
    cdk: { distribution: { webAclId: rateLimit.webAcl.attrArn } },
  });

  stack.addOutputs({ SiteUrl: site.customDomainUrl ?? site.url });
  return { site };
}
