// WHOIS flows. One file per use case; add a line per new flow file.
export { recordWhoisLookup, getWhoisStats, MAX_WHOIS_STATS_DAYS, type GetWhoisStatsInput, type WhoisStatsView, type WhoisDayCount } from './whois-stats.ts';
