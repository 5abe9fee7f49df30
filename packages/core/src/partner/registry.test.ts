import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getPartner,
  listPartners,
  Partner,
  parsePartnersJson,
  repositoryPartners,
  repositoryPartnersFile,
  usePartners,
} from './index';

const repositoryFile = new URL('../../../../config/partners.json', import.meta.url);

afterEach(() => usePartners(repositoryPartners));

describe('partner registry', () => {
  it('lists partner A and partner B from config/partners.json, in file order', () => {
    expect(listPartners().map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 'partner-a', name: 'Partner A' },
      { id: 'partner-b', name: 'Partner B' },
    ]);
  });

  it('gives partner A epoch milliseconds and a decimal rate, partner B ISO 8601 and a percentage', () => {
    expect(getPartner('partner-a')?.format).toMatchObject({ time: 'epoch-ms', tax: 'decimal' });
    expect(getPartner('partner-b')?.format).toMatchObject({ time: 'iso-8601', tax: 'percent' });
    expect(getPartner('partner-b')?.format.fields.externalOrderId).toBe('transactionId');
  });

  it('bundles the file exactly as it is in the repository', () => {
    expect(repositoryPartnersFile).toEqual(JSON.parse(readFileSync(repositoryFile, 'utf8')));
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

  it('does not let a caller rename a partner or change its format', () => {
    const partner = getPartner('partner-a');
    expect(Object.isFrozen(partner)).toBe(true);
    expect(Object.isFrozen(partner?.format.fields)).toBe(true);
  });

  it('holds only entries that pass the Partner schema', () => {
    for (const partner of listPartners()) expect(v.safeParse(Partner, partner).success).toBe(true);
  });

  it('answers from the registry put in force, and no longer from the one before', () => {
    const partnerA = getPartner('partner-a');
    usePartners({
      source: 'test.json',
      partners: parsePartnersJson(
        JSON.stringify({ partners: [{ ...partnerA, id: 'partner-c', name: 'Partner C' }] }),
        'test.json',
      ),
    });
    expect(listPartners().map((partner) => partner.id)).toEqual(['partner-c']);
    expect(getPartner('partner-c')?.format).toEqual(partnerA?.format);
    expect(getPartner('partner-a')).toBeUndefined();
  });
});
