export { Partner, PartnerFormat, partnerFormats } from './partner';
export { getPartner, listPartners } from './registry';
