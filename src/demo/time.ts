/**
 * The demo's calendar: 90 whole days in Asia/Shanghai ending at the start of `endDate`'s local day.
 * China has kept UTC+8 all year without daylight saving since 1991, so a fixed offset is exact.
 */
import type { Rng } from './rng.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SHANGHAI_OFFSET = 8 * HOUR;
export const WINDOW_DAYS = 90;

/** UTC epoch ms of 00:00 Asia/Shanghai on the local day containing `t`. */
export function shanghaiDayStart(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
}

/** ISO date (YYYY-MM-DD) of `t` in Asia/Shanghai. */
export function shanghaiDate(t: number): string {
  return new Date(t + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

export class Calendar {
  readonly start: number;
  readonly days = WINDOW_DAYS;
  private readonly weekdays: Uint8Array;
  private readonly monthDays: Uint8Array;
  private readonly months: Uint8Array;

  /** `end` is exclusive: no transaction happens at or after it. */
  constructor(readonly end: number) {
    this.start = end - WINDOW_DAYS * DAY;
    this.weekdays = new Uint8Array(WINDOW_DAYS);
    this.monthDays = new Uint8Array(WINDOW_DAYS);
    this.months = new Uint8Array(WINDOW_DAYS);
    for (let i = 0; i < WINDOW_DAYS; i++) {
      const local = new Date(this.dayStart(i) + SHANGHAI_OFFSET);
      this.weekdays[i] = local.getUTCDay();
      this.monthDays[i] = local.getUTCDate();
      this.months[i] = local.getUTCMonth() + 1;
    }
  }

  dayStart(day: number): number {
    return this.start + day * DAY;
  }

  /** 0 = Sunday ... 6 = Saturday, local time. */
  weekday(day: number): number {
    return this.weekdays[day];
  }

  isWeekend(day: number): boolean {
    const w = this.weekdays[day];
    return w === 0 || w === 6;
  }

  /** Day of the month (1–31), local time. */
  dayOfMonth(day: number): number {
    return this.monthDays[day];
  }

  month(day: number): number {
    return this.months[day];
  }

  /** Days of the window falling on the given day of the month (e.g. every 10th). */
  daysOfMonth(dom: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < WINDOW_DAYS; i++) if (this.monthDays[i] === dom) out.push(i);
    return out;
  }

  /** A moment on `day` at local `hour` plus a random offset within the hour (second precision). */
  at(day: number, hour: number, rng: Rng, minuteSpan = 60): number {
    return this.dayStart(day) + hour * HOUR + rng.int(0, minuteSpan * 60 - 1) * 1000 + rng.int(0, 999);
  }

  /** Clamps a moment into the window (used by patterns whose later steps follow earlier ones). */
  clamp(t: number): number {
    return Math.min(Math.max(t, this.start), this.end - 1);
  }
}

/** Hour-of-day weights (local time) for the kinds of activity the generator produces. */
export const HOUR_PROFILES = {
  shopping: [2, 1, 0.5, 0.3, 0.2, 0.3, 1, 3, 5, 5, 6, 8, 12, 9, 6, 6, 7, 9, 12, 13, 12, 10, 7, 4],
  personal: [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 6, 8, 9, 9, 9, 8, 8, 8, 8, 8, 9, 10, 10, 9, 6, 3],
  atm: [0.5, 0.3, 0.2, 0.1, 0.1, 0.2, 1, 4, 7, 8, 8, 8, 9, 8, 7, 7, 8, 9, 9, 8, 6, 4, 2, 1],
  counter: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 12, 11, 6, 6, 10, 11, 9, 0, 0, 0, 0, 0, 0, 0],
  business: [0, 0, 0, 0, 0, 0, 0, 0.5, 3, 10, 12, 11, 5, 7, 11, 11, 9, 5, 2, 1, 0.5, 0, 0, 0],
  /** Automatic debits run by billers overnight. */
  batch: [1, 2, 4, 4, 3, 2, 1, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5],
  /** Acquirers' and payment platforms' T+1 settlement credits. */
  settlement: [0, 0, 0, 0, 0, 0, 2, 6, 8, 5, 2, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
} as const;
