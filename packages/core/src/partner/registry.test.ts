import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { getPartner, listPartners, Partner } from './index';

describe('partner registry', () => {
  it('lists partner A and partner B with their formats', () => {
    expect(listPartners()).toEqual([
      { id: 'partner-a', name: 'Partner A', format: 'partner-a' },
      { id: 'partner-b', name: 'Partner B', format: 'partner-b' },
    ]);
  });

  it('finds a partner by its id', () => {
    expect(getPartner('partner-b')).toEqual({ id: 'partner-b', name: 'Partner B', format: 'partner-b' });
  });

  it.each(['partner-c', '', 'PARTNER-A', 'constructor', '__proto__', 'toString'])(
    'finds no partner for the id %j',
    (id) => {
      expect(getPartner(id)).toBeUndefined();
    },
  );

  it('keeps its entries when a caller changes the listed array', () => {
    const listed = listPartners();
    listed.pop();
    expect(listPartners()).toHaveLength(2);
  });

  it('does not let a caller rename a partner', () => {
    const partner = getPartner('partner-a');
    expect(Object.isFrozen(partner)).toBe(true);
  });

  it('holds only entries that pass the Partner schema', () => {
    for (const partner of listPartners()) expect(v.safeParse(Partner, partner).success).toBe(true);
  });

  // Order, counter and stats keys lowercase partner ids (docs/migrations.md): two ids that differ only in
  // case would share them, and a dot would make the id unreadable from an `orders.<partnerId>` source.
  it('registers only lowercase partner ids without dots', () => {
    for (const { id } of listPartners()) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});
