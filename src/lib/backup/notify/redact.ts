/**
 * Removes secrets from text that is about to leave the server in a
 * notification: encryption keys (64+ hex digits), the user:password part of
 * URLs, `password=…`-style settings, Bearer/Basic credentials, AWS access key
 * ids and secret-like 40-character tokens, and PEM private keys. It errs on
 * the side of redacting too much. Applying it twice changes nothing more.
 */
import type { NotificationEvent } from './events';

export const REDACTED = '[redacted]';

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
/** scheme://user:password@ — greedy up to the last @ of the authority, so a raw @ in the password is covered. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*:[^\s/?#]*@/gi;
const SECRET_NAME = String.raw`[\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|encryption[_-]?key|previous[_-]?keys|credentials?)[\w-]*`;
/** name=value, as in connection strings, query strings and environment dumps. */
const SECRET_ASSIGNMENT = new RegExp(String.raw`\b(${SECRET_NAME})(\s*=\s*)("[^"]*"|'[^']*'|[^\s&;,"']+)`, 'gi');
/** "name": "value", as in JSON. */
const SECRET_JSON_FIELD = new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*)"(?:[^"\\]|\\.)*"`, 'gi');
const AUTHORIZATION_CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g;
const HEX_KEY = /\b[0-9a-f]{64,}\b/gi;
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z0-9]{16}\b/g;
/** 40 base64-ish characters standing alone; only redacted when they mix upper case, lower case and digits. */
const AWS_SECRET_CANDIDATE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

export function redactSecrets(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, REDACTED)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(SECRET_JSON_FIELD, `$1"${REDACTED}"`)
    .replace(SECRET_ASSIGNMENT, `$1$2${REDACTED}`)
    .replace(AUTHORIZATION_CREDENTIALS, `$1 ${REDACTED}`)
    .replace(HEX_KEY, REDACTED)
    .replace(AWS_ACCESS_KEY_ID, REDACTED)
    .replace(AWS_SECRET_CANDIDATE, (token) => (looksRandom(token) ? REDACTED : token));
}

function looksRandom(token: string): boolean {
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /[0-9]/.test(token);
}

/** A copy of the event with every free-text field redacted. */
export function redactEvent(event: NotificationEvent): NotificationEvent {
  const redacted: NotificationEvent = { ...event };
  if (event.backupName !== undefined) redacted.backupName = redactSecrets(event.backupName);
  if (event.error) redacted.error = { code: redactSecrets(event.error.code), message: redactSecrets(event.error.message) };
  if (event.details) {
    redacted.details = Object.fromEntries(
      Object.entries(event.details).map(([key, value]) => [
        redactSecrets(key),
        typeof value === 'string' ? redactSecrets(value) : value,
      ]),
    );
  }
  if (event.failedChecks) {
    redacted.failedChecks = event.failedChecks.map((check) => ({
      name: redactSecrets(check.name),
      message: redactSecrets(check.message),
    }));
  }
  return redacted;
}
