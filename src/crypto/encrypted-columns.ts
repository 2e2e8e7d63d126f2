/**
 * Every column that holds FieldCipher ciphertext, so `outpost keys rotate` can re-encrypt them all.
 * A module that encrypts a new column adds one entry here.
 */
export interface EncryptedColumns {
  table: string;
  /** Primary-key columns identifying a row. */
  key: readonly string[];
  columns: readonly string[];
}

export const ENCRYPTED_COLUMNS: EncryptedColumns[] = [
  { table: 'customers', key: ['id'], columns: ['name', 'id_number', 'phone', 'address'] },
  { table: 'users', key: ['id'], columns: ['totp_secret'] },
];
