/** Time helpers. All times are UTC epoch ms; local day and hour use a fixed UTC offset (China has no DST). */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Default local offset: China Standard Time, UTC+8. */
export const CST_OFFSET_MINUTES = 480;

export function localDayStart(t: number, offsetMs: number): number {
  return Math.floor((t + offsetMs) / DAY) * DAY - offsetMs;
}

export function localHour(t: number, offsetMs: number): number {
  const r = (t + offsetMs) % DAY;
  return Math.floor((r < 0 ? r + DAY : r) / HOUR);
}

/** Epoch ms of the local midnight starting the given ISO date (YYYY-MM-DD), or NaN. */
export function localDateMs(iso: string, offsetMs: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - offsetMs;
}

/** Local midnight of the date `years` after the given ISO date (Feb 29 rolls to Mar 1). */
export function anniversaryMs(iso: string, years: number, offsetMs: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]) + years, Number(m[2]) - 1, Number(m[3])) - offsetMs;
}

/**
 * Local calendar date at time t as the number YYYYMMDD (proleptic Gregorian, the same date as
 * `new Date(t + offsetMs)`'s UTC fields), or NaN for an invalid time. Arithmetic (days → civil
 * date, H. Hinnant's algorithm) instead of a Date object: it runs per scored transaction.
 */
export function localYmd(t: number, offsetMs: number): number {
  const ms = Math.trunc(t + offsetMs);
  if (!(Math.abs(ms) <= 8.64e15)) return NaN;
  const z = Math.floor(ms / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10_000 + m * 100 + d;
}

/** An ISO date's leading YYYY-MM-DD as the number YYYYMMDD, or NaN. */
export function isoYmd(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]) : NaN;
}

/**
 * Age in whole years at time t, in local time, of a person born on birthYmd (YYYYMMDD): the
 * year difference, minus one before the birthday (month and day are below 100, so comparing
 * MMDD numbers is comparing (month, day) pairs).
 */
export function ageFromYmd(birthYmd: number, t: number, offsetMs: number): number {
  return Math.floor((localYmd(t, offsetMs) - birthYmd) / 10_000);
}

/** Age in whole years at time t of a person born on the ISO date, in local time. */
export function ageYears(iso: string, t: number, offsetMs: number): number {
  return ageFromYmd(isoYmd(iso), t, offsetMs);
}
