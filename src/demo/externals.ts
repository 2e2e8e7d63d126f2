/**
 * Counterparties at other banks: people, companies, payment platforms, billers, social security
 * funds, the treasury and foreign banks. Their account numbers never appear in the demo bank's
 * account list, as in real data where only one side of a transfer is the bank's own customer.
 */
import type { Rng } from './rng.ts';
import type { Endpoint } from './population.ts';
import { CITIES, DOMESTIC_BANKS, OTHER_CNAPS, FOREIGN_BANKS, FOREIGN_PAYEES, type City } from './data/places.ts';
import { SURNAMES, GIVEN_MALE, GIVEN_FEMALE, ORG_WORDS, INDUSTRIES, PAYMENT_PLATFORMS, BILLERS } from './data/names.ts';
import { withLuhn } from './identity.ts';

export class Externals {
  readonly persons: Endpoint[] = [];
  readonly orgs: Endpoint[] = [];
  readonly platforms: Endpoint[];
  /** Billers per city index, in the order of BILLERS. */
  readonly billers: Endpoint[][];
  readonly socialSecurity: Endpoint[];
  readonly treasury: Endpoint[];
  private seq = 0;

  constructor(private readonly rng: Rng, personCount: number, orgCount: number) {
    for (let i = 0; i < personCount; i++) this.persons.push(this.newPerson());
    for (let i = 0; i < orgCount; i++) this.orgs.push(this.newOrg());
    this.platforms = PAYMENT_PLATFORMS.map((name) => this.corporate(name, CITIES[0]));
    this.billers = CITIES.map((c) => BILLERS.map((b) => this.corporate(
      b.name.replace('{province}', c.province.replace(/(省|市)$/, '')).replace('{city}', c.name.replace(/市$/, '')), c)));
    this.socialSecurity = CITIES.map((c) => this.corporate(`${c.name}社会保险事业管理中心`, c));
    this.treasury = CITIES.map((c) => this.corporate(`国家金库${c.name}中心支库`, c));
  }

  private bankCode(prefix: string, cnaps: string): string {
    return `${prefix}${cnaps}${this.rng.digits(5)}`;
  }

  private corporate(name: string, city: City): Endpoint {
    const bank = this.rng.weighted(DOMESTIC_BANKS, DOMESTIC_BANKS.map((b) => b.weight));
    return { account: `${bank.prefix}${this.rng.digits(13)}${String(++this.seq).padStart(4, '0')}`, party: name, bank: this.bankCode(bank.prefix, city.cnaps), branchId: null, city: city.name, holder: null, openDay: -Infinity };
  }

  /** A person's debit card at another bank; `otherProvince` places it outside the six branch cities. */
  newPerson(opts: { city?: City; otherProvince?: boolean; name?: string } = {}): Endpoint {
    const r = this.rng;
    const bank = r.weighted(DOMESTIC_BANKS, DOMESTIC_BANKS.map((b) => b.weight));
    const [cnaps, cityName] = opts.otherProvince ? r.pick(OTHER_CNAPS) : (() => {
      const c = opts.city ?? r.pick(CITIES);
      return [c.cnaps, c.name] as const;
    })();
    const name = opts.name ?? r.weighted(SURNAMES.map((s) => s[0]), SURNAMES.map((s) => s[1])) + r.pick(r.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE);
    const account = withLuhn(`${bank.bin}${r.digits(8)}${String(++this.seq).padStart(4, '0')}`);
    return { account, party: name, bank: this.bankCode(bank.prefix, cnaps), branchId: null, city: cityName, holder: null, openDay: -Infinity };
  }

  newOrg(opts: { otherProvince?: boolean; name?: string } = {}): Endpoint {
    const r = this.rng;
    const city = r.pick(CITIES);
    const industry = r.weighted(INDUSTRIES, INDUSTRIES.map((i) => i.weight));
    const name = opts.name ?? `${city.name.replace(/市$/, '')}${r.pick(ORG_WORDS)}${r.pick(ORG_WORDS)}${industry.suffix}`;
    const ep = this.corporate(name, city);
    if (opts.otherProvince) {
      const [cnaps, cityName] = r.pick(OTHER_CNAPS);
      ep.bank = `${ep.bank.slice(0, 3)}${cnaps}${ep.bank.slice(7)}`;
      ep.city = cityName;
    }
    return ep;
  }

  /** A foreign counterparty (SWIFT BIC as the bank code) in the given currency. */
  foreign(currency: string): Endpoint {
    const r = this.rng;
    const banks = FOREIGN_BANKS.filter((b) => b.currency === currency);
    const bank = r.pick(banks.length > 0 ? banks : FOREIGN_BANKS);
    return { account: `${bank.country}${r.digits(12)}`, party: r.pick(FOREIGN_PAYEES), bank: bank.bic, branchId: null, city: bank.country, holder: null, openDay: -Infinity };
  }

  cityIndex(name: string): number {
    const i = CITIES.findIndex((c) => c.name === name);
    return i < 0 ? 0 : i;
  }
}
