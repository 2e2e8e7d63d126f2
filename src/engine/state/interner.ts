/** Maps entity keys (account numbers, device ids ...) to dense slot numbers for typed-array state. */
export class Interner {
  private readonly map = new Map<string, number>();
  readonly keys: string[] = [];

  static from(keys: readonly string[]): Interner {
    const i = new Interner();
    for (const k of keys) i.id(k);
    return i;
  }

  id(key: string): number {
    let v = this.map.get(key);
    if (v === undefined) {
      v = this.keys.length;
      this.map.set(key, v);
      this.keys.push(key);
    }
    return v;
  }

  find(key: string): number {
    return this.map.get(key) ?? -1;
  }

  get size(): number {
    return this.keys.length;
  }
}
