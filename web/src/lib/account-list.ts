/** Most accounts one request may list (the API's limit). */
export const MAX_ACCOUNTS = 1_000;

/**
 * Account ids pasted from a notice: one per line or separated by commas, semicolons or spaces
 * (ASCII or full-width), each once, in the order given. `invalid`: entries the API would refuse
 * (longer than 64 characters, or with control characters).
 */
export function parseAccountList(text: string): { accounts: string[]; invalid: string[]; tooMany: boolean; max: number } {
  const seen = new Set<string>();
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,，;；、]+/u)) {
    if (!raw) continue;
    // eslint-disable-next-line no-control-regex
    if (raw.length > 64 || /[\u0000-\u001f\u007f]/u.test(raw)) invalid.push(raw.length > 24 ? `${raw.slice(0, 24)}…` : raw);
    else seen.add(raw);
  }
  return { accounts: [...seen], invalid, tooMany: seen.size > MAX_ACCOUNTS, max: MAX_ACCOUNTS };
}
