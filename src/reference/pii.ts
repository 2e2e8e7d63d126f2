/**
 * The part of the platform's field cipher (src/crypto) that reference data needs: personal data
 * columns are stored encrypted and looked up by keyed hash (blind index).
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(kind: string, plain: string): string;
}
