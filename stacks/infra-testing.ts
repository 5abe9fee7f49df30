import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { App, getStack, StaticSite } from 'sst/constructs';
import { initProject, useProject } from 'sst/project.js';
import config from '../sst.config';
import { Api } from './Api';
import { Events } from './Events';
import { Monitoring } from './Monitoring';
import { Partners } from './Partners';
import { Recovery } from './Recovery';
import { Storage } from './Storage';
import { Web } from './Web';
import { Workflow } from './Workflow';

/** The made-up account the infra tests synthesize for, so ARNs come out concrete. */
export const testAccount = '123456789012';
export const testRegion = 'us-east-1';

const stacks = { Storage, Partners, Workflow, Events, Recovery, Api, Web, Monitoring };
export type StackName = keyof typeof stacks;
export type Templates = Record<StackName, Template>;

// An inactive stack (SST's mechanism behind `sst deploy <filter>`) neither bundles its functions nor builds
// its site, and a StaticSite there leaves out its bucket and distribution. Building web/ belongs to the web
// package, and a synthesis here should not write its dist/ (the browser test serves it), so by default Web
// is inactive. Every function is bundled, so a broken handler fails here.
const unbundledStacks: readonly StackName[] = ['Web'];

let project: Promise<void> | undefined;
let buildOutput: string | undefined;

/** Removes what the syntheses of this test file bundled; for its `afterAll`. */
export function removeBuildOutput(): void {
  if (buildOutput !== undefined) rmSync(buildOutput, { recursive: true, force: true });
}

/**
 * Synthesizes the whole app, as `sst.config.ts` composes it, for one stage, offline: vitest sets
 * NODE_ENV=test, which keeps SST from looking up the CDK bootstrap stack in AWS. In `dev` mode it is
 * the app `sst dev` deploys, its functions replaced by SST's live-debugging stub.
 */
export async function synthesize(
  stage: string,
  mode: 'deploy' | 'dev' = 'deploy',
  options: { site?: 'inactive' | 'stub' } = {},
): Promise<Templates> {
  const stubSite = options.site === 'stub';
  project ??= initProject({ stage: 'test' }).then(() => {
    // Test files run in parallel workers: each bundles into its own directory instead of the shared .sst/.
    const out = mkdtempSync(join(tmpdir(), 'orders-infra-'));
    buildOutput = out;
    Object.assign(useProject().paths, { out, artifacts: join(out, 'artifacts') });
  });
  await project;
  const app: App = new App(
    {
      mode,
      stage,
      name: useProject().config.name,
      region: testRegion,
      account: testAccount,
      isActiveStack: (stackName) =>
        stubSite || !unbundledStacks.some((name) => stackName === app.logicalPrefixedName(name)),
    },
    { outdir: assemblyDirectory(stage, mode, stubSite) },
  );
  await config.stacks(app);
  if (stubSite) stubSiteFiles(app);
  await app.finish();
  // getStack reads the app most recently composed, so the templates are taken before another app exists.
  const templates: Partial<Templates> = {};
  for (const [name, stack] of Object.entries(stacks) as [StackName, (typeof stacks)[StackName]][]) {
    templates[name] = Template.fromStack(getStack(stack));
  }
  return templates as Templates;
}

/** Where a synthesis writes its cloud assembly, the functions' bundled code (`asset.<hash>/`) included. */
export function assemblyDirectory(
  stage: string,
  mode: 'deploy' | 'dev' = 'deploy',
  stubSite = false,
): string {
  return join(useProject().paths.out, `cdk.out-${stage}-${mode}${stubSite ? '-site' : ''}`);
}

/**
 * Keeps the site's bucket, distribution and deployment as the Web stack defines them, but has them upload
 * a one-page stand-in instead of building web/: the site's files are the web package's business.
 */
function stubSiteFiles(app: App): void {
  const root = mkdtempSync(join(useProject().paths.out, 'site-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>orders</title>\n');
  const sites = app.node.findAll().filter((construct) => construct instanceof StaticSite);
  if (sites.length === 0) throw new Error('the app has no StaticSite to stub');
  for (const site of sites) {
    // The site builds and uploads in a deferred task that reads these props when app.finish() runs it.
    const props = Reflect.get(site, 'props') as Record<string, unknown>;
    Reflect.set(site, 'props', { ...props, path: root, buildCommand: undefined, buildOutput: 'dist' });
  }
}

/** A resource as it stands in a synthesized template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

function json(template: Template): CfnTemplate {
  return template.toJSON();
}

/**
 * The items, once there is at least one: a loop of assertions over none passes whatever the stacks hold.
 * Fails naming `what` otherwise.
 */
export function nonEmpty<Items extends readonly unknown[]>(items: Items, what: string): Items {
  if (items.length === 0) throw new Error(`expected at least one ${what}, found none`);
  return items;
}

/** Every resource of a type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(json(template).Resources ?? {}).filter(([, resource]) => resource.Type === type);
}

/** The one resource of a type in a template; fails unless there is exactly one. */
export function singleResource(template: Template, type: string): [string, CfnResource] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as [string, CfnResource];
}

/** The one resource of a type whose logical id starts with the construct id; fails unless exactly one. */
export function resourceNamed(template: Template, type: string, constructId: string): [string, CfnResource] {
  const found = resourcesOf(template, type).filter(([id]) => id.startsWith(constructId));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} named ${constructId}*, found ${found.map(([id]) => id).join(', ')}`,
    );
  }
  return found[0] as [string, CfnResource];
}

/** The properties of a resource, or an empty object. */
export function propertiesOf(resource: CfnResource): Record<string, unknown> {
  return resource.Properties ?? {};
}

/**
 * What a cross-stack `Fn::ImportValue` stands for: the exporting stack's output value (a Ref or GetAtt of
 * a resource there). Anything else comes back as it is.
 */
export function resolveImport(templates: Templates, value: unknown): unknown {
  if (!isRecord(value) || typeof value['Fn::ImportValue'] !== 'string') return value;
  const name = value['Fn::ImportValue'];
  for (const template of Object.values(templates)) {
    for (const output of Object.values(json(template).Outputs ?? {})) {
      if (output.Export?.Name === name) return output.Value;
    }
  }
  throw new Error(`no stack exports ${name}`);
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** Every statement of every identity policy in a template: policies, managed policies and roles' inline ones. */
export function identityStatements(template: Template): { resourceId: string; statement: PolicyStatement }[] {
  const documents: { resourceId: string; document: unknown }[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [resourceId, resource] of resourcesOf(template, type)) {
      documents.push({ resourceId, document: propertiesOf(resource).PolicyDocument });
    }
  }
  for (const [resourceId, resource] of resourcesOf(template, 'AWS::IAM::Role')) {
    const inline = propertiesOf(resource).Policies;
    for (const policy of Array.isArray(inline) ? inline : []) {
      documents.push({ resourceId, document: isRecord(policy) ? policy.PolicyDocument : undefined });
    }
  }
  return documents.flatMap(({ resourceId, document }) => {
    const statements = isRecord(document) ? document.Statement : undefined;
    return (Array.isArray(statements) ? statements : [statements]).map((statement) => ({
      resourceId,
      statement: statement as PolicyStatement,
    }));
  });
}

/** The statements of the policies attached to one role: its inline ones, and policies and managed policies naming it. */
export function roleStatements(template: Template, roleId: string): PolicyStatement[] {
  const attached = [
    ...resourcesOf(template, 'AWS::IAM::Policy'),
    ...resourcesOf(template, 'AWS::IAM::ManagedPolicy'),
  ]
    .filter(([, policy]) => {
      const roles = propertiesOf(policy).Roles;
      return Array.isArray(roles) && roles.some((role) => isRecord(role) && role.Ref === roleId);
    })
    .map(([id]) => id);
  return identityStatements(template)
    .filter(({ resourceId }) => attached.includes(resourceId) || resourceId === roleId)
    .map(({ statement }) => statement);
}

/** A statement's actions as a list. */
export function actionsOf(statement: PolicyStatement): string[] {
  const actions = statement.Action ?? [];
  return Array.isArray(actions) ? actions : [actions];
}

/** Whether an IAM action pattern (`*`, `secretsmanager:Get*`, …) covers the action, as IAM matches them: without case. */
export function actionCovers(pattern: string, action: string): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** Whether an Allow statement grants the action, by `Action` or by a `NotAction` that leaves it out. */
export function grants(statement: PolicyStatement, action: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  if ('NotAction' in statement) {
    const notActions = (statement as { NotAction?: unknown }).NotAction;
    const list = (Array.isArray(notActions) ? notActions : [notActions]).map(String);
    return !list.some((pattern) => actionCovers(pattern, action));
  }
  return actionsOf(statement).some((pattern) => actionCovers(pattern, action));
}

/** A statement's resources as a list. */
export function resourcesIn(statement: PolicyStatement): unknown[] {
  const resources = statement.Resource ?? [];
  return Array.isArray(resources) ? resources : [resources];
}

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
export function referencedId(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The function behind a reference to a `live` alias (a Ref, GetAtt or import of one), as the logical id of
 * the function; undefined when the value is not such an alias.
 */
export function functionBehindLiveAlias(templates: Templates, value: unknown): string | undefined {
  const aliasId = referencedId(resolveImport(templates, value));
  for (const template of Object.values(templates)) {
    const alias = resourcesOf(template, 'AWS::Lambda::Alias').find(([id]) => id === aliasId)?.[1];
    if (alias === undefined) continue;
    const properties = propertiesOf(alias);
    return properties.Name === 'live' ? referencedId(properties.FunctionName) : undefined;
  }
  return undefined;
}
