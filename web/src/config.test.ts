import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('uses the page origin when VITE_API_URL is not set', () => {
    expect(readConfig({})).toMatchObject({ apiUrl: '' });
    expect(readConfig({ VITE_API_URL: ' ' })).toMatchObject({ apiUrl: '' });
  });

  it('takes VITE_API_URL without its trailing slash', () => {
    expect(readConfig({ VITE_API_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/' })).toMatchObject({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    });
  });

  it('names VITE_API_URL when it is not an http URL', () => {
    expect(() => readConfig({ VITE_API_URL: 'not a url' })).toThrow(/VITE_API_URL/);
    expect(() => readConfig({ VITE_API_URL: 'ftp://x' })).toThrow(/VITE_API_URL/);
  });

  it('signs operators in at the local issuer unless VITE_AUTH_ISSUER names another', () => {
    expect(readConfig({}, 'http://localhost:3000').auth).toEqual({
      issuer: 'http://localhost:3000/auth',
      clientId: 'orders-web',
    });
    const cognito = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc';
    expect(
      readConfig({
        VITE_AUTH_ISSUER: cognito,
        VITE_AUTH_CLIENT_ID: 'web123',
        VITE_AUTH_LOGOUT_URL: 'https://orders.auth.eu-west-1.amazoncognito.com/logout',
      }).auth,
    ).toEqual({
      issuer: cognito,
      clientId: 'web123',
      logoutUrl: 'https://orders.auth.eu-west-1.amazoncognito.com/logout',
    });
  });
});
