/**
 * SOA serials in the YYYYMMDDnn convention (RFC 1912 §2.2), in UTC. Each
 * published change takes max(serial + 1, today's YYYYMMDD00): the date
 * advances with the calendar, and a zone changed more than 100 times in a
 * day borrows from the next day's numbers, as BIND and most registrars do,
 * so the serial never goes back.
 */

/** YYYYMMDD00 for the UTC date of `at`. */
export function dateSerial(at: Date): number {
  return (at.getUTCFullYear() * 10_000 + (at.getUTCMonth() + 1) * 100 + at.getUTCDate()) * 100;
}

export function nextZoneSerial(current: number, now: Date): number {
  return Math.max(current + 1, dateSerial(now));
}
