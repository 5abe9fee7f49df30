import { type StackContext, StaticSite, use } from 'sst/constructs';
import { Api } from './Api';
import { apiPathPattern, appRouting, SameOriginApi } from './same-origin-api';
import { stageSettings } from './stage';

/** The operators' web app; its distribution also serves the API, under /v1, on the same origin. */
export function Web({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { api } = use(Api);
  const sameOriginApi = new SameOriginApi(stack, 'SameOriginApi', api.cdk.httpApi);

  const site = new StaticSite(stack, 'Site', {
    path: 'web',
    buildCommand: 'pnpm run build',
    buildOutput: 'dist',
    // The app calls its own origin unless the stage puts the API on a domain of its own.
    environment: settings.apiUrl === undefined ? {} : { VITE_API_URL: settings.apiUrl },
    // SST would write web/src/sst-env.d.ts on every synthesis; the web package declares its env itself.
    vite: { types: '../.sst/web-env.d.ts' },
    ...(settings.webDomain === undefined ? {} : { customDomain: settings.webDomain }),
    cdk: {
      distribution: {
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
