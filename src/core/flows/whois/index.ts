// WHOIS flows. One file per use case; add a line per new flow file.
export { recordWhoisLookup, getWhoisStats, MAX_WHOIS_STATS_DAYS, type GetWhoisStatsInput, type WhoisStatsView, type WhoisDayCount } from './whois-stats.ts';
export { lookupRegistration, type LookupRegistrationInput, type OwnNameServer } from './lookup-registration.ts';
export { lookupNameServer, hostHandle, type LookupNameServerInput, type NameServerRecord } from './lookup-name-server.ts';
export { lookupContactEntity, type ContactEntityRecord } from './lookup-contact-entity.ts';
export { searchRegistrations, MIN_SEARCH_PREFIX, type SearchRegistrationsInput, type SearchRegistrationsResult } from './search-registrations.ts';
export {
  CONTACT_FIELDS, redactedFields, eppStatusesOf, domainRoid,
  type ContactField, type PublishedContact, type EppStatus, type PublishedNameServer, type RegistrationRecord,
} from './registration-view.ts';
