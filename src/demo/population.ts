/**
 * The demo bank's reference data: institution, branch tree, customers, accounts and the device,
 * IP, phone and address identifiers behind them. Typology injectors add customers (mules, shell
 * companies) through the same methods, so every record has the same shape.
 */
import type { Account, AccountStatus, AccountType, Branch, Customer, Institution, RiskLevel } from '../domain/reference.ts';
import type { DemoIdentifier } from './types.ts';
import type { Rng } from './rng.ts';
import { CITIES, BIRTHPLACES, ROADS, COMMUNITIES, type City } from './data/places.ts';
import { SURNAMES, GIVEN_MALE, GIVEN_FEMALE, GIVEN_OLD, OCCUPATIONS, ORG_WORDS, INDUSTRIES } from './data/names.ts';
import { residentId, unifiedSocialCreditCode, withLuhn, mobileNumber, deviceId, ipAddress } from './identity.ts';
import { shanghaiDate, DAY, SHANGHAI_OFFSET, WINDOW_DAYS } from './time.ts';

export const INSTITUTION: Institution = { id: 'inst_demo', code: 'DEMO', name: '前哨示范银行 / Outpost Demo Bank', bankCode: '313100000001' };
/** BIN of the demo bank's debit cards (synthetic). */
const CARD_BIN = '623599';
const CITY_WEIGHTS = [30, 20, 15, 12, 12, 11];
const RISK_LEVELS: RiskLevel[] = ['low', 'medium', 'high'];

/** One side of a transaction: an account, its holder's name and the bank that keeps it. */
export interface Endpoint {
  account: string;
  party: string;
  bank: string;
  /** Branch of the demo bank's own account; null for other banks. */
  branchId: string | null;
  city: string;
  holder: Holder | null;
  /** Window day (0 = first) on which the account was opened; negative if before the window. */
  openDay: number;
}

/** A customer of the demo bank with what the generator needs to simulate it. */
export interface Holder {
  customer: Customer;
  accounts: Account[];
  /** Parallel to `accounts`. */
  endpoints: Endpoint[];
  /** Age in whole years at the end of the window (0 for organisations). */
  age: number;
  city: City;
  devices: string[];
  ips: string[];
  /** Multiplier of everyday activity (1 = typical). */
  activity: number;
  industry?: (typeof INDUSTRIES)[number];
  /** Regular monthly income (salary, pension, allowance) credited to the main account. */
  income?: { from: Endpoint; amountMinor: number; day: number; purpose: string; payer?: Holder };
  /** Created by a typology injector: no everyday behaviour is simulated for it. */
  synthetic?: boolean;
}

export interface PersonOptions {
  age?: number;
  city?: City;
  occupation?: string;
  riskLevel?: RiskLevel;
  /** ISO date of the first account; defaults to a random date consistent with the age. */
  openedAt?: string;
  accounts?: number;
  synthetic?: boolean;
  /** Outlet that opened the customer (e.g. several mules opened at one outlet). */
  branchId?: string;
}

export class Population {
  readonly branches: Branch[] = [];
  readonly holders: Holder[] = [];
  readonly persons: Holder[] = [];
  readonly orgs: Holder[] = [];
  /** Sub-branches (outlets) per city index. */
  readonly outlets: Branch[][] = [];
  readonly bank: Holder;
  private accountSeq = 0;
  private customerSeq = 0;
  private readonly endYear: number;
  private readonly endMonth: number;
  private readonly endDay: number;

  constructor(private readonly rng: Rng, readonly end: number) {
    const d = new Date(shanghaiDate(end - 1));
    this.endYear = d.getUTCFullYear();
    this.endMonth = d.getUTCMonth();
    this.endDay = d.getUTCDate();
    this.buildBranches();
    this.bank = this.addOrg({ name: '前哨示范银行股份有限公司', industry: INDUSTRIES[0], city: CITIES[1], internal: true });
  }

  private buildBranches(): void {
    const hq: Branch = { id: 'br_demo_0000', institutionId: INSTITUTION.id, parentId: null, code: INSTITUTION.bankCode, name: '前哨示范银行总行', level: 0 };
    this.branches.push(hq);
    CITIES.forEach((city, ci) => {
      const short = city.name.replace(/市$/, '');
      const branch: Branch = {
        id: `br_demo_${ci + 1}00`, institutionId: INSTITUTION.id, parentId: hq.id,
        code: `313${city.cnaps}00010`, name: `前哨示范银行${short}分行`, level: 1,
      };
      this.branches.push(branch);
      const outlets: Branch[] = [];
      city.districts.slice(0, 3 + (ci % 2)).forEach(([, district], di) => {
        const outlet: Branch = {
          id: `br_demo_${ci + 1}0${di + 1}`, institutionId: INSTITUTION.id, parentId: branch.id,
          code: `313${city.cnaps}000${11 + di}`, name: `前哨示范银行${short}${district.replace(/(新区|区)$/, '')}支行`, level: 2,
        };
        outlets.push(outlet);
        this.branches.push(outlet);
      });
      this.outlets.push(outlets);
    });
  }

  /** A random outlet in `city`. */
  outletOf(city: City): Branch {
    return this.rng.pick(this.outlets[CITIES.indexOf(city)]);
  }

  pickCity(): City {
    return this.rng.weighted(CITIES, CITY_WEIGHTS);
  }

  /** ISO date `years` years and `extraDays` days before the end of the window. */
  private dateBefore(years: number, extraDays: number): string {
    return new Date(Date.UTC(this.endYear - years, this.endMonth, this.endDay) - extraDays * DAY).toISOString().slice(0, 10);
  }

  /** A random ISO date between `from` (ISO) and `toDaysBeforeEnd` days before the end. */
  dateBetween(from: string, toDaysBeforeEnd: number): string {
    const lo = Date.parse(from);
    const hi = Math.max(lo, this.end - toDaysBeforeEnd * DAY);
    return new Date(lo + this.rng.next() * (hi - lo)).toISOString().slice(0, 10);
  }

  private address(city: City, district: string): string {
    const r = this.rng;
    return `${city.province === city.name ? '' : city.province}${city.name}${district}${r.pick(ROADS)}${r.int(1, 999)}号` +
      `${r.pick(COMMUNITIES)}小区${r.int(1, 30)}栋${r.int(1, 32)}${String(r.int(1, 6)).padStart(2, '0')}室`;
  }

  private kyc(opened: string, risk: RiskLevel): { kycDate: string; kycReviewDate: string | null } {
    // kycReviewDate is the latest periodic review: every 5 / 2 / 1 years for low / medium / high risk.
    const period = risk === 'low' ? 5 : risk === 'medium' ? 2 : 1;
    const openedYear = Number(opened.slice(0, 4));
    const reviews = Math.floor((this.endYear - openedYear - 1) / period);
    const reviewDate = reviews > 0 ? `${openedYear + reviews * period}${opened.slice(4).replace('-02-29', '-02-28')}` : null;
    return { kycDate: opened, kycReviewDate: reviewDate };
  }

  private nextCustomerId(): string {
    return `cus_demo_${String(++this.customerSeq).padStart(6, '0')}`;
  }

  addPerson(opts: PersonOptions = {}): Holder {
    const r = this.rng;
    const age = opts.age ?? r.weighted([r.int(18, 24), r.int(25, 34), r.int(35, 44), r.int(45, 54), r.int(55, 64), r.int(65, 74), r.int(75, 90)], [10, 22, 20, 17, 14, 11, 6]);
    const male = r.chance(0.5);
    const city = opts.city ?? this.pickCity();
    const [division, district] = r.pick(city.districts);
    const birthDate = this.dateBefore(age, r.int(1, 364));
    const birthplace = r.chance(0.65) ? division : r.pick(BIRTHPLACES)[0];
    const given = age >= 60 && r.chance(0.8) ? r.pick(GIVEN_OLD) : r.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
    const surname = r.weighted(SURNAMES.map((s) => s[0]), SURNAMES.map((s) => s[1]));
    const occupation = opts.occupation ?? (age >= 60 && r.chance(0.85) ? '退休人员' : age < 23 && r.chance(0.6) ? '学生'
      : r.weighted(OCCUPATIONS.map((o) => o[0]), OCCUPATIONS.map((o) => o[1])));
    const risk = opts.riskLevel ?? r.weighted(RISK_LEVELS, [85, 12, 3]);
    const adultFrom = this.dateBefore(age - 18, 0);
    const opened = opts.openedAt ?? this.dateBetween(adultFrom > '2008-01-01' ? adultFrom : '2008-01-01', 30);
    const customer: Customer = {
      id: this.nextCustomerId(), institutionId: INSTITUTION.id, branchId: opts.branchId ?? this.outletOf(city).id, kind: 'person',
      name: surname + given, idNumber: residentId(birthplace, birthDate, male, r), phone: mobileNumber(r),
      address: this.address(city, district), birthDate, occupation, riskLevel: risk, ...this.kyc(opened, risk),
    };
    const deviceCount = age >= 70 && r.chance(0.5) ? 0 : r.weighted([1, 2, 3], [70, 25, 5]);
    const holder: Holder = {
      customer, accounts: [], endpoints: [], age, city,
      devices: Array.from({ length: deviceCount }, () => deviceId(r)),
      ips: Array.from({ length: r.int(1, 2) }, () => ipAddress(r)),
      activity: r.logNormal(1, 0.5) * (age >= 65 ? 0.5 : 1), synthetic: opts.synthetic,
    };
    this.register(holder);
    this.persons.push(holder);
    const count = opts.accounts ?? r.weighted([1, 2, 3], [55, 35, 10]);
    for (let i = 0; i < count; i++) {
      const status: AccountStatus = i === 0
        ? (opts.synthetic ? 'active' : r.weighted<AccountStatus>(['active', 'dormant', 'frozen'], [96, 3.5, 0.5]))
        : r.weighted<AccountStatus>(['active', 'dormant', 'closed', 'frozen'], [78, 13, 7, 2]);
      this.addAccount(holder, { type: i === 1 ? 'savings' : 'card', status, openedAt: i === 0 ? opened : this.dateBetween(opened, 20) });
    }
    return holder;
  }

  addOrg(opts: { name?: string; industry?: (typeof INDUSTRIES)[number]; city?: City; internal?: boolean; openedAt?: string; riskLevel?: RiskLevel; synthetic?: boolean; accounts?: number } = {}): Holder {
    const r = this.rng;
    const city = opts.city ?? this.pickCity();
    const [division, district] = r.pick(city.districts);
    const industry = opts.industry ?? r.weighted(INDUSTRIES, INDUSTRIES.map((i) => i.weight));
    const name = opts.name ?? `${city.name.replace(/市$/, '')}${r.pick(ORG_WORDS)}${r.pick(ORG_WORDS)}${industry.suffix}`;
    const risk = opts.riskLevel ?? r.weighted(RISK_LEVELS, [80, 17, 3]);
    const opened = opts.openedAt ?? this.dateBetween('2006-01-01', 45);
    const customer: Customer = {
      id: opts.internal ? 'cus_demo_bank' : this.nextCustomerId(), institutionId: INSTITUTION.id,
      branchId: opts.internal ? this.branches[0].id : this.outletOf(city).id, kind: 'organisation', name,
      idNumber: unifiedSocialCreditCode(division, r), phone: r.chance(0.7) ? `${city.areaCode}-${r.int(2, 8)}${r.digits(7)}` : mobileNumber(r),
      address: this.address(city, district).replace(/[^号]*小区.*$/, `${r.int(1, 28)}楼`), birthDate: null, occupation: industry.industry,
      riskLevel: risk, ...this.kyc(opened, risk),
    };
    const holder: Holder = {
      customer, accounts: [], endpoints: [], age: 0, city, industry,
      devices: Array.from({ length: r.int(1, 2) }, () => deviceId(r)), ips: [ipAddress(r)],
      activity: r.logNormal(1, 0.6), synthetic: opts.synthetic || opts.internal,
    };
    if (opts.internal) {
      this.addAccount(holder, { type: 'internal', status: 'active', openedAt: '2005-01-01' });
      this.addAccount(holder, { type: 'internal', status: 'active', openedAt: '2005-01-01' });
      return holder;
    }
    this.register(holder);
    this.orgs.push(holder);
    const count = opts.accounts ?? r.weighted([1, 2, 3], [50, 35, 15]);
    for (let i = 0; i < count; i++) {
      const status: AccountStatus = i === 0 ? 'active' : r.weighted<AccountStatus>(['active', 'dormant', 'closed'], [85, 10, 5]);
      this.addAccount(holder, { type: i === 0 ? 'corporate' : 'current', status, openedAt: i === 0 ? opened : this.dateBetween(opened, 20) });
    }
    if (industry.trade && !opts.synthetic && r.chance(0.45)) {
      this.addAccount(holder, { type: 'current', status: 'active', openedAt: this.dateBetween(opened, 20), currency: r.chance(0.75) ? 'USD' : 'HKD' });
    }
    return holder;
  }

  private register(holder: Holder): void {
    this.holders.push(holder);
  }

  addAccount(holder: Holder, opts: { type: AccountType; status: AccountStatus; openedAt: string; currency?: string }): Account {
    const seq = String(++this.accountSeq).padStart(8, '0');
    const outlet = this.branches.find((b) => b.id === holder.customer.branchId) ?? this.branches[0];
    const branch4 = outlet.code.slice(-4);
    const id = opts.type === 'card' ? withLuhn(`${CARD_BIN}${branch4}${seq}`)
      : opts.type === 'savings' ? `10${branch4}00${seq}`
        : opts.type === 'internal' ? `9${branch4}0000${seq}`
          : `3131${branch4}${opts.currency && opts.currency !== 'CNY' ? '14' : '01'}${seq}`;
    const account: Account = {
      id, institutionId: INSTITUTION.id, branchId: outlet.id, customerId: holder.customer.id,
      type: opts.type, status: opts.status, currency: opts.currency ?? 'CNY', openedAt: opts.openedAt,
    };
    holder.accounts.push(account);
    const openDay = Math.floor((Date.parse(opts.openedAt) - SHANGHAI_OFFSET - (this.end - WINDOW_DAYS * DAY)) / DAY);
    holder.endpoints.push({ account: id, party: holder.customer.name, bank: INSTITUTION.bankCode, branchId: outlet.id, city: holder.city.name, holder, openDay });
    return account;
  }

  customers(): Customer[] {
    return [...this.holders.map((h) => h.customer), this.bank.customer];
  }

  accounts(): Account[] {
    return [...this.holders.flatMap((h) => h.accounts), ...this.bank.accounts];
  }

  /** Device, phone, IP and address per account, as the bank's channels record them. */
  identifiers(): DemoIdentifier[] {
    const out: DemoIdentifier[] = [];
    for (const h of this.holders) {
      for (const a of h.accounts) {
        for (const d of h.devices) out.push({ accountId: a.id, kind: 'device', value: d });
        if (h.customer.phone) out.push({ accountId: a.id, kind: 'phone', value: h.customer.phone });
        for (const ip of h.ips) out.push({ accountId: a.id, kind: 'ip', value: ip });
        if (h.customer.address) out.push({ accountId: a.id, kind: 'address', value: h.customer.address });
      }
    }
    return out;
  }
}

/** First active CNY endpoint of a holder (its everyday account), if any. */
export function mainEndpoint(h: Holder): Endpoint | null {
  for (let i = 0; i < h.accounts.length; i++) {
    if (h.accounts[i].status === 'active' && h.accounts[i].currency === 'CNY') return h.endpoints[i];
  }
  return null;
}
