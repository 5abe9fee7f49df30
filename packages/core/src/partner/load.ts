import * as v from 'valibot';
import { OrdersError } from '../errors';
import { orderFields, Partner } from './partner';

/** A partner file that cannot be used; the message names the file, the partner and the field. */
export class PartnerFileError extends OrdersError {
  override readonly name = 'PartnerFileError';
  readonly code = 'invalid_partner_file';
}

const PartnerFile = v.object(
  { partners: v.array(v.unknown(), 'must be an array of partners') },
  'must be an object { "partners": [ … ] }',
);

/**
 * Validates the content of a partner file (`{ "partners": [ { id, name, format }, … ] }`) and answers its
 * partners, frozen; throws a `PartnerFileError` that names `source`, the partner and the field of every problem.
 */
export function parsePartners(content: unknown, source: string): readonly Partner[] {
  const file = v.safeParse(PartnerFile, content);
  if (!file.success) throw new PartnerFileError(describe(source, undefined, file.issues));
  const problems: string[] = [];
  const partners: Partner[] = [];
  const seen = new Set<string>();
  file.output.partners.forEach((entry, index) => {
    const label = labelOf(entry, index);
    const parsed = v.safeParse(Partner, entry);
    if (!parsed.success) {
      problems.push(describe(source, label, parsed.issues));
      return;
    }
    const partner = parsed.output;
    const mistakes = checkFormat(partner);
    if (seen.has(partner.id))
      mistakes.push(`id: "${partner.id}" is registered twice; partner ids are unique`);
    seen.add(partner.id);
    if (mistakes.length > 0) {
      problems.push(mistakes.map((mistake) => `${source}: ${label}: ${mistake}`).join('\n'));
      return;
    }
    partners.push(deepFreeze(partner));
  });
  if (problems.length > 0) throw new PartnerFileError(problems.join('\n'));
  return Object.freeze(partners);
}

/** Parses a partner file's text; see {@link parsePartners}. */
export function parsePartnersJson(text: string, source: string): readonly Partner[] {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new PartnerFileError(
      `${source}: is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return parsePartners(content, source);
}

// What a schema cannot see field by field: two values mapped from one field, bounds the wrong way round.
function checkFormat({ format }: Partner): string[] {
  const mistakes: string[] = [];
  const owner = new Map<string, string>();
  for (const target of orderFields) {
    const field = format.fields[target];
    const earlier = owner.get(field);
    if (earlier === undefined) owner.set(field, target);
    else
      mistakes.push(
        `format.fields.${target}: "${field}" already holds ${earlier}; each value needs its own field`,
      );
  }
  const { min, max } = format.bounds.quantity;
  if (min > max) mistakes.push(`format.bounds.quantity.min: ${min} is above max ${max}`);
  return mistakes;
}

function labelOf(entry: unknown, index: number): string {
  const id: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'id') : undefined;
  return typeof id === 'string' && id !== '' ? `partner "${id}"` : `partner #${index + 1}`;
}

function describe(
  source: string,
  label: string | undefined,
  issues: readonly v.BaseIssue<unknown>[],
): string {
  const prefix = label === undefined ? source : `${source}: ${label}`;
  return issues
    .map((issue) => `${prefix}: ${v.getDotPath(issue) ?? '(the entry)'}: ${explain(issue)}`)
    .join('\n');
}

function explain(issue: v.BaseIssue<unknown>): string {
  // A key the schema does not know: valibot names it in the path and expects "never" there.
  if (issue.expected === 'never')
    return 'is not a setting a partner entry has (keys are secrets, never here)';
  if (issue.kind === 'schema' && issue.input === undefined) return 'is required';
  return issue.message;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
