export { PartnerFileError, parsePartners, parsePartnersJson } from './load';
export {
  orderFields,
  Partner,
  PartnerFormat,
  type PartnerFormatInput,
  PartnerId,
  taxEncodings,
  timeEncodings,
} from './partner';
export {
  currentPartners,
  getPartner,
  listPartners,
  type PartnerRegistry,
  repositoryPartners,
  repositoryPartnersFile,
  usePartners,
} from './registry';
export { cachedPartners, type PartnerReader } from './source';
