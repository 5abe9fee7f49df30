import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryPartners } from '@orders/core/partner/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPartnersFile } from './partners-file';

const root = mkdtempSync(join(tmpdir(), 'orders-partners-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const repositoryFile = readFileSync(new URL('../../../config/partners.json', import.meta.url), 'utf8');

describe('loadPartnersFile', () => {
  it('answers the repository’s partners when no file is given', () => {
    expect(loadPartnersFile(undefined, root)).toBe(repositoryPartners);
    expect(loadPartnersFile('', root)).toBe(repositoryPartners);
  });

  it('takes a relative path from the repository root, and names the file so in messages', () => {
    mkdirSync(join(root, 'conf'), { recursive: true });
    writeFileSync(join(root, 'conf', 'partners.json'), repositoryFile);
    expect(loadPartnersFile('conf/partners.json', root)).toMatchObject({
      source: join('conf', 'partners.json'),
    });
    writeFileSync(join(root, 'conf', 'bad.json'), JSON.stringify({ partners: [{ id: 'partner-c' }] }));
    expect(() => loadPartnersFile('conf/bad.json', root)).toThrow(
      /^conf\/bad\.json: partner "partner-c": name: /,
    );
  });

  it('names a file it cannot read', () => {
    expect(() => loadPartnersFile(join(root, 'missing.json'), root)).toThrow(/missing\.json: cannot be read/);
  });
});
