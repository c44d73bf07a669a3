/** Node only: AES-256-GCM through `node:crypto`, synchronously (see AesGcm in src/db/crypto.ts). */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { AesGcm } from '../db/crypto.js';

const TAG_BYTES = 16;

export const nodeAesGcm: AesGcm = {
  seal(key, iv, aad, plain) {
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  },
  open(key, iv, aad, sealed) {
    if (sealed.length < TAG_BYTES) throw new Error('aes-gcm: too short');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  },
};
