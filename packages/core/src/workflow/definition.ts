import { fileURLToPath } from 'node:url';
import definition from './order-workflow.asl.json';

/** Where the ASL file lives; the stack reads it from here so AWS runs exactly what the local runtime runs. */
export const orderWorkflowDefinitionPath = fileURLToPath(
  new URL('./order-workflow.asl.json', import.meta.url),
);

/** The values every `${Name}` placeholder in the ASL file takes. */
export interface WorkflowSubstitutions {
  ValidateFunctionArn: string;
  SequenceAndStoreFunctionArn: string;
  EventBusName: string;
}

export type WorkflowDefinition = typeof definition;

/** The ASL definition with its placeholders substituted; throws if one is left without a value. */
export function substituteDefinition(values: WorkflowSubstitutions): WorkflowDefinition {
  const text = JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`no value for the workflow placeholder ${placeholder}`);
    return value;
  });
  return JSON.parse(text) as WorkflowDefinition;
}

/** The raw definition with placeholders in place, as stored in the ASL file. */
export function rawDefinition(): WorkflowDefinition {
  return structuredClone(definition);
}
