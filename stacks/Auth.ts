import {
  CfnUserPoolGroup,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import * as Access from '../packages/core/src/access/rules';
import type { StageSettings } from './stage';

/**
 * Who operators are on AWS: a Cognito user pool with its hosted sign-in, a public web app client
 * (authorization code + PKCE), a client-credentials client for scripts and the smoke test (scopes
 * `orders/operator` and `orders/admin` of the `orders` resource server), and the groups `operator` and
 * `admin` that people's roles come from (`cognito:groups`). The local issuer mirrors all of it.
 */
export class OperatorAuth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly scriptClient: UserPoolClient;
  /** The tokens' `iss`, which the handlers verify bearer tokens against. */
  readonly issuer: string;
  readonly signInDomain: string;

  constructor(scope: Construct, id: string, props: { stage: string; settings: StageSettings }) {
    super(scope, id);
    const { settings } = props;
    // Operators are invited by an administrator; nobody signs themselves up.
    this.userPool = new UserPool(this, 'Operators', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: { minLength: 14 },
      removalPolicy: settings.removalPolicy,
    });
    const domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: `orders-${props.stage}-operators` },
    });
    this.signInDomain = domain.baseUrl();
    const scopes = Access.operatorRoles.map(
      (role) => new ResourceServerScope({ scopeName: role, scopeDescription: `the ${role} role` }),
    );
    const resourceServer = this.userPool.addResourceServer('Orders', {
      identifier: Access.resourceServer,
      scopes,
    });
    // Only https origins, and localhost (the dev server) on stages that are not production.
    const origins = [...settings.webOrigins, ...(settings.production ? [] : ['http://localhost:5173'])];
    this.webClient = this.userPool.addClient('Web', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // People's roles come from their groups, never from scopes a browser could ask for.
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // A stage serving the web app names its origin in stage.ts; until it does, Cognito gets the CDK's
        // placeholder callback and no browser can complete a sign-in there.
        ...(origins.length === 0
          ? {}
          : {
              callbackUrls: origins.map((origin) => `${origin}/signed-in`),
              logoutUrls: origins.map((origin) => `${origin}/`),
            }),
      },
    });
    this.scriptClient = this.userPool.addClient('Script', {
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((scope) => OAuthScope.resourceServer(resourceServer, scope)),
      },
    });
    for (const role of Access.operatorRoles) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Operators with the ${role} role`,
      });
    }
    this.issuer = `https://cognito-idp.${this.userPool.env.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** The client ids whose tokens the API accepts. */
  get audiences(): string[] {
    return [this.webClient.userPoolClientId, this.scriptClient.userPoolClientId];
  }
}
