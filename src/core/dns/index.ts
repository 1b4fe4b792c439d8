// Pure DNS helpers: record validation, zone rules, serials, zone files.
export * from './ttl.ts';
export { APEX, MAX_DNS_NAME_LENGTH, MAX_DNS_LABEL_LENGTH, parseOwnerName, parseTargetHost, ownerFqdn, type OwnerRules, type TargetRules } from './dns-names.ts';
export {
  DNS_RECORD_TYPES, MAX_TXT_LENGTH, MAX_CAA_VALUE_LENGTH, isDnsRecordType, validateDnsRecord,
  type DnsRecordType, type DnsRecordInput, type DnsRecordData, type ValidateRecordOptions,
} from './record-types.ts';
export { rdataText, recordKey, verifyZoneRecords } from './zone-rules.ts';
export { dateSerial, nextZoneSerial } from './zone-serial.ts';
export { MAX_CHARACTER_STRING_BYTES, txtCharacterStrings } from './txt-strings.ts';
export {
  formatZoneFile, parseZoneFile, sortRecords,
  type SoaFields, type ZoneFileContent, type ParsedZoneFile, type ParseZoneOptions, type SkippedZoneEntry,
} from './zone-file.ts';
export { recordFromRdata } from './rdata.ts';
