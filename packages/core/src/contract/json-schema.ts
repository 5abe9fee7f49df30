import { type JsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';

export type { JsonSchema };

/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of named valibot schemas. A schema that is one of
 * the named ones wherever it appears becomes a `$ref` to `<refBase><name>`. Anything valibot can check but
 * JSON Schema cannot say is an error, unless its action type is in `ignoreActions`.
 */
export function toJsonSchemas<TNames extends string>(
  schemas: Record<TNames, v.GenericSchema>,
  options: { refBase: string; typeMode?: 'input' | 'output'; ignoreActions?: string[] },
): Record<TNames, JsonSchema> {
  return toJsonSchemaDefs(schemas, {
    target: 'draft-2020-12',
    typeMode: options.typeMode ?? 'output',
    errorMode: 'throw',
    ...(options.ignoreActions === undefined ? {} : { ignoreActions: options.ignoreActions }),
    overrideRef: ({ referenceId }) => `${options.refBase}${referenceId}`,
  }) as Record<TNames, JsonSchema>;
}

/** JSON Schema (draft 2020-12) of one self-contained valibot schema, e.g. a parameter's. */
export function toJsonSchemaOf(schema: v.GenericSchema): JsonSchema {
  return toJsonSchemas({ Schema: schema }, { refBase: '#/$defs/' }).Schema;
}
