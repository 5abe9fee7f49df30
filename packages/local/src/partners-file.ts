import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parsePartnersJson } from '@orders/core/partner/load';
import { type PartnerRegistry, repositoryPartners } from '@orders/core/partner/registry';

// Locally the file is the source of partners: nothing talks to SSM. The repository's config/partners.json is
// bundled with core; ORDERS_PARTNERS_FILE replaces it.

/**
 * The partners of `path` (ORDERS_PARTNERS_FILE; a relative path is taken from `root`, the repository, since
 * `npm start` runs in packages/local), or the repository's when none is given. Throws a `PartnerFileError`
 * naming the file, the partner and the field when the file is not a valid registry.
 */
export function loadPartnersFile(path: string | undefined, root: string): PartnerRegistry {
  if (path === undefined || path === '') return repositoryPartners;
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  const inside = relative(root, absolute);
  const source = inside.startsWith('..') || isAbsolute(inside) ? absolute : inside;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`${source}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return { partners: parsePartnersJson(text, source), source };
}
