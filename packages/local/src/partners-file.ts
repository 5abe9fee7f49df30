import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parsePartnersJson } from '@orders/core/partner/load';
import { type PartnerRegistry, repositoryPartners } from '@orders/core/partner/registry';

// Locally the file is the source of partners: nothing talks to SSM. The repository's config/partners.json is
// bundled with core; ORDERS_PARTNERS_FILE replaces it.

/**
 * The partners of `path` (ORDERS_PARTNERS_FILE), or the repository's when none is given; throws a
 * `PartnerFileError` naming the file, the partner and the field when the file is not a valid registry.
 */
export function loadPartnersFile(path: string | undefined, cwd = process.cwd()): PartnerRegistry {
  if (path === undefined || path === '') return repositoryPartners;
  const source = relative(cwd, path).startsWith('..') ? path : relative(cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${source}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return { partners: parsePartnersJson(text, source), source };
}
