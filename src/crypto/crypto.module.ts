import type { Module } from '../app/module.ts';
import { createFieldCipher } from './cipher.ts';
import { loadKeyring } from './keyring.ts';

/**
 * Publishes the personal-data cipher as service 'cipher' (FieldCipher) and the keyring as 'keyring'.
 * Listed before every module that stores personal data.
 */
export const cryptoModule: Module = {
  name: 'crypto',
  init(c) {
    const ring = loadKeyring({ dataKey: c.config.dataKey, dataKeyFile: c.config.dataKeyFile });
    c.services.set('keyring', ring);
    c.services.set('cipher', createFieldCipher(ring, c.config.cipher));
  },
};
