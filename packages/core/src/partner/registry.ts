import repositoryFile from '../../../../config/partners.json';
import { parsePartners } from './load';
import type { Partner } from './partner';

// Partners are data: config/partners.json, replaced locally by ORDERS_PARTNERS_FILE (packages/local) and on
// AWS by the stage's SSM parameter, which the stacks write from that file and the functions re-read every
// minute (packages/functions/src/aws/partners.ts). The file is also bundled, so code that runs before
// either is read (the stacks, tests) sees the repository's partners.

/** The partners in force: listed in file order, found by id. */
export interface PartnerRegistry {
  readonly partners: readonly Partner[];
  /** Where they were read from, for messages: a file's path or a parameter's name. */
  readonly source: string;
}

/** The repository's own partners, config/partners.json, as bundled with the code. */
export const repositoryPartners: PartnerRegistry = {
  partners: parsePartners(repositoryFile, 'config/partners.json'),
  source: 'config/partners.json',
};

/** The repository's config/partners.json exactly as written (the stacks copy it into the parameter). */
export const repositoryPartnersFile: unknown = repositoryFile;

let current = repositoryPartners;
// A Map, not an object literal, so ids such as `constructor` or `__proto__` never reach a prototype.
let byId: ReadonlyMap<string, Partner> = indexOf(current);

function indexOf(registry: PartnerRegistry): ReadonlyMap<string, Partner> {
  return new Map(registry.partners.map((partner) => [partner.id, partner]));
}

/** Puts `registry` in force for every later lookup (at start-up, and whenever the source is read again). */
export function usePartners(registry: PartnerRegistry): void {
  current = registry;
  byId = indexOf(registry);
}

/** The registry in force. */
export function currentPartners(): PartnerRegistry {
  return current;
}

/** Lists every registered partner in registry order. */
export function listPartners(): Partner[] {
  return [...current.partners];
}

/** Finds a partner by id; `undefined` when no partner has that id. */
export function getPartner(id: string): Partner | undefined {
  return byId.get(id);
}
