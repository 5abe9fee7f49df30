import type { Partner } from './partner';

// Partners are data: onboarding one that speaks a known format is a new entry here, not a code branch.
// Frozen, because callers receive these very objects.
const partners: readonly Partner[] = Object.freeze(
  (
    [
      { id: 'partner-a', name: 'Partner A', format: 'partner-a' },
      { id: 'partner-b', name: 'Partner B', format: 'partner-b' },
    ] satisfies Partner[]
  ).map((partner) => Object.freeze(partner)),
);

// A Map, not an object literal, so ids such as `constructor` or `__proto__` never reach a prototype.
const partnersById: ReadonlyMap<string, Partner> = new Map(partners.map((partner) => [partner.id, partner]));

/** Lists every registered partner in registry order. */
export function listPartners(): Partner[] {
  return [...partners];
}

/** Finds a partner by id; `undefined` when no partner has that id. */
export function getPartner(id: string): Partner | undefined {
  return partnersById.get(id);
}
