/**
 * Which values a preview never shows, and how long a shown value may be.
 *
 * The rule: a column is secret when its name, lower-cased with `_`, `-` and spaces removed,
 * contains one of SECRET_NAME_PARTS — `password`, `passwd`, `hash`, `secret`, `token`, `salt`,
 * `apikey`, `privatekey`, `credential`. So `passwordHash`, `password_hash`,
 * `resetToken`, `API_KEY` and `totpSecret` are masked; `name` and `email` are not. A masked
 * value shows as MASK (NULL stays NULL, so "has no password" is still visible), and a change
 * to it still counts and is listed as a change, with both sides masked.
 * Values longer than MAX_VALUE_CHARS are cut there and end with "…".
 */
export const SECRET_NAME_PARTS: readonly string[] = [
  'password',
  'passwd',
  'hash',
  'secret',
  'token',
  'salt',
  'apikey',
  'privatekey',
  'credential',
];

export const MASK = '••••••';
export const MAX_VALUE_CHARS = 200;

export function isSecretColumn(column: string): boolean {
  const normalized = column.toLowerCase().replace(/[_\-\s]/g, '');
  return SECRET_NAME_PARTS.some((part) => normalized.includes(part));
}

export function displayValue(column: string, value: string | null): string | null {
  if (value === null) return null;
  if (isSecretColumn(column)) return MASK;
  return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
}
