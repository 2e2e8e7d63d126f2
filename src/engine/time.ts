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

/** Age in whole years at time t of a person born on the ISO date, in local time. */
export function ageYears(iso: string, t: number, offsetMs: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  const d = new Date(t + offsetMs);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, da = d.getUTCDate();
  const by = Number(m[1]), bm = Number(m[2]), bd = Number(m[3]);
  return y - by - (mo < bm || (mo === bm && da < bd) ? 1 : 0);
}
