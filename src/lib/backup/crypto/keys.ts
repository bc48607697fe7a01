/**
 * Encryption keys (FORMAT.md §4.3, §4.4): strict parsing of the 64-hex
 * configuration values, the public key fingerprint, and the keyring of the
 * current key plus previous ones. Key material never appears in messages.
 * There is no default key: a missing current key is a ConfigError.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError, InvalidKeyError } from '../errors';
import { FINGERPRINT_CONTEXT, FINGERPRINT_LENGTH, KEY_HEX_LENGTH, KEY_LENGTH } from '../format/constants';

export const CURRENT_KEY_VARIABLE = 'BACKUP_ENCRYPTION_KEY';
export const PREVIOUS_KEYS_VARIABLE = 'BACKUP_PREVIOUS_KEYS';
const KEYGEN_HINT = 'Generate one with `npm run backup -- keygen`';

const KEY_PATTERN = new RegExp(`^[0-9a-fA-F]{${KEY_HEX_LENGTH}}$`);

export interface KeyEntry {
  readonly key: Buffer;
  readonly fingerprint: string;
}

export interface Keyring {
  readonly current: KeyEntry;
  readonly previous: readonly KeyEntry[];
  /** Current key first, then the previous keys in configured order. */
  readonly all: readonly KeyEntry[];
  byFingerprint(fingerprint: string): KeyEntry | undefined;
}

/** Parses 64 hex characters (surrounding white space ignored) into a 32-byte key. */
export function parseKey(hex: string, variableName: string): Buffer {
  const trimmed = hex.trim();
  if (!KEY_PATTERN.test(trimmed)) {
    throw new InvalidKeyError(
      `${variableName} must be exactly ${KEY_HEX_LENGTH} hexadecimal characters (${KEY_LENGTH} bytes); ` +
        `the value given has ${trimmed.length} characters${trimmed.length === KEY_HEX_LENGTH ? ', not all of them hexadecimal' : ''}. ` +
        `${KEYGEN_HINT}.`,
    );
  }
  return Buffer.from(trimmed, 'hex');
}

/** First FINGERPRINT_LENGTH bytes of HMAC-SHA256(key, FINGERPRINT_CONTEXT), as lowercase hex. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update(FINGERPRINT_CONTEXT, 'ascii').digest().subarray(0, FINGERPRINT_LENGTH).toString('hex');
}

/** A new random key, as the hex text to put into BACKUP_ENCRYPTION_KEY. */
export function generateKeyHex(): string {
  return randomBytes(KEY_LENGTH).toString('hex');
}

export function createKeyring(currentHex: string | undefined, previousCsv?: string): Keyring {
  if (currentHex === undefined || currentHex.trim() === '') {
    throw new ConfigError(
      `${CURRENT_KEY_VARIABLE} is not set. Backups are always encrypted and there is no default key. ` +
        `${KEYGEN_HINT}, store it somewhere safe outside the server, and set it in the environment.`,
    );
  }
  const current = entry(parseKey(currentHex, CURRENT_KEY_VARIABLE));
  const seen = new Set([current.fingerprint]);
  const previous: KeyEntry[] = [];
  const values = (previousCsv ?? '').split(',').map((v) => v.trim());
  values.forEach((value, index) => {
    if (value === '') return;
    const parsed = entry(parseKey(value, `${PREVIOUS_KEYS_VARIABLE} (entry ${index + 1})`));
    if (seen.has(parsed.fingerprint)) return;
    seen.add(parsed.fingerprint);
    previous.push(parsed);
  });

  const all = Object.freeze([current, ...previous]);
  const index = new Map(all.map((e) => [e.fingerprint, e]));
  return Object.freeze({
    current,
    previous: Object.freeze(previous),
    all,
    byFingerprint: (fingerprint: string) => index.get(fingerprint.trim().toLowerCase()),
  });
}

function entry(key: Buffer): KeyEntry {
  return Object.freeze({ key, fingerprint: keyFingerprint(key) });
}
