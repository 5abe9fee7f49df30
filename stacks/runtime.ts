import { Aspects, CfnResource, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * The one Node.js runtime every function of the app runs on. Lambda blocks Node.js 20 (no new functions
 * from 2026-08-31, no updates from 2026-09-30) and ends Node.js 22 on 2027-04-30:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const nodeRuntime = 'nodejs24.x';

/**
 * Moves the functions that SST and the CDK add on their own (custom resource handlers, log retention) to
 * the same runtime: they pin an older Node.js that would stop the stage deploying once it is blocked.
 * Their code is plain JavaScript on the runtime's own AWS SDK, which every Node.js runtime provides.
 */
class NodeRuntime implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnFunction) {
      if (isNode(node.runtime)) node.runtime = nodeRuntime;
    } else if (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function') {
      // The log-retention provider writes its function as a plain CfnResource, properties and all.
      const properties: unknown = Reflect.get(node, '_cfnProperties');
      const runtime =
        typeof properties === 'object' && properties !== null
          ? Reflect.get(properties, 'Runtime')
          : undefined;
      if (isNode(runtime)) node.addPropertyOverride('Runtime', nodeRuntime);
    }
  }
}

function isNode(runtime: unknown): boolean {
  return typeof runtime === 'string' && runtime.startsWith('nodejs');
}

/** Puts every Node.js function under `scope` on {@link nodeRuntime}. */
export function pinNodeRuntime(scope: IConstruct): void {
  Aspects.of(scope).add(new NodeRuntime());
}
