import { Partner } from '@orders/core';
import { HttpError, type HttpEvent, header } from './http';
import type { PartnerKeys } from './keys';

/** The registered partner named in the path, or a 404. */
export function pathPartner(event: HttpEvent): Partner.Partner {
  const partnerId = event.pathParameters?.partnerId ?? '';
  const partner = Partner.getPartner(partnerId);
  if (partner === undefined)
    throw new HttpError(404, 'unknown_partner', `no partner is registered as ${partnerId}`);
  return partner;
}

/**
 * The partner the `x-api-key` belongs to, which must be the partner in the path: a missing or unknown key
 * is 401, a key of another partner 403. The partner is always taken from the key, never from the body.
 */
export function authenticate(event: HttpEvent, keys: PartnerKeys): Partner.Partner {
  const key = header(event, 'x-api-key');
  if (key === undefined || key === '')
    throw new HttpError(401, 'missing_api_key', 'send your API key in x-api-key');
  const keyPartnerId = keys.authenticate(key);
  if (keyPartnerId === undefined) throw new HttpError(401, 'invalid_api_key', 'the API key is not valid');
  const partner = Partner.getPartner(keyPartnerId);
  if (partner === undefined) throw new HttpError(401, 'invalid_api_key', 'the API key is not valid');
  if (event.pathParameters?.partnerId !== partner.id) {
    throw new HttpError(403, 'wrong_partner', 'this API key cannot act for the partner in the path');
  }
  return partner;
}
