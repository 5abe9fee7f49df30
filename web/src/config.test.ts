import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('uses the page origin when VITE_API_URL is not set', () => {
    expect(readConfig({})).toEqual({ apiUrl: '' });
    expect(readConfig({ VITE_API_URL: ' ' })).toEqual({ apiUrl: '' });
  });

  it('takes VITE_API_URL without its trailing slash', () => {
    expect(readConfig({ VITE_API_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/' })).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    });
  });

  it('names VITE_API_URL when it is not an http URL', () => {
    expect(() => readConfig({ VITE_API_URL: 'not a url' })).toThrow(/VITE_API_URL/);
    expect(() => readConfig({ VITE_API_URL: 'ftp://x' })).toThrow(/VITE_API_URL/);
  });
});
