/**
 * Classifies what the AWS SDK throws into the few failures an admin can act on, using only
 * the service's error code, the HTTP status and the socket error code: never the SDK's
 * message, which may quote request details. `describeS3Failure` returns the reason part of
 * a StorageError message; the predicates answer "missing object?" and "range past end?".
 */
const SAFE_ERROR_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
/** Names the SDK gives errors it could not classify: they tell the reader nothing. */
const GENERIC_ERROR_NAMES = new Set(['Error', 'Unknown', 'UnknownError']);
const HTTP_UNAUTHORIZED = 401;
const HTTP_FORBIDDEN = 403;
const HTTP_NOT_FOUND = 404;
const HTTP_RANGE_NOT_SATISFIABLE = 416;
const AUTH_ERROR_NAMES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'AuthorizationHeaderMalformed',
  'Forbidden',
]);
const MISSING_OBJECT_NAMES = new Set(['NoSuchKey', 'NotFound']);
const MISSING_BUCKET_NAME = 'NoSuchBucket';
const INVALID_RANGE_NAME = 'InvalidRange';
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
]);

/**
 * The reason, as a sentence fragment with advice. `bucketLevel` marks requests on the
 * bucket itself, where a bare 404 means the bucket is missing.
 */
export function describeS3Failure(error: unknown, bucketLevel: boolean): string {
  const status = httpStatus(error);
  const name = errorName(error);
  const code = errorCode(error);
  if ((name !== undefined && AUTH_ERROR_NAMES.has(name)) || status === HTTP_UNAUTHORIZED || status === HTTP_FORBIDDEN) {
    return `authentication with the bucket failed${name ? ` (${name})` : ''}. Check the access key, the secret and the key's permissions on the bucket`;
  }
  if (name === MISSING_BUCKET_NAME || (bucketLevel && status === HTTP_NOT_FOUND)) {
    return 'the bucket does not exist. Check the bucket name and the endpoint';
  }
  const networkCode = [code, name].find((candidate) => candidate !== undefined && NETWORK_ERROR_CODES.has(candidate));
  if (networkCode !== undefined) {
    return `the storage service could not be reached or the connection dropped (${networkCode}). Check the endpoint and the network`;
  }
  const detail = [name ?? code, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
  return `the storage service reported an error${detail ? ` (${detail})` : ''}`;
}

export function isMissingObject(error: unknown): boolean {
  const name = errorName(error);
  if (name === MISSING_BUCKET_NAME) return false;
  return (name !== undefined && MISSING_OBJECT_NAMES.has(name)) || httpStatus(error) === HTTP_NOT_FOUND;
}

export function isRangeNotSatisfiable(error: unknown): boolean {
  return httpStatus(error) === HTTP_RANGE_NOT_SATISFIABLE || errorName(error) === INVALID_RANGE_NAME;
}

/** A Node error code (e.g. "ERR_STREAM_PREMATURE_CLOSE"), when it is a plain identifier. */
export function errorCode(error: unknown): string | undefined {
  return safeCode((error as { code?: unknown } | null)?.code);
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function errorName(error: unknown): string | undefined {
  return safeCode((error as { name?: unknown } | null)?.name);
}

function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && SAFE_ERROR_CODE_PATTERN.test(value) && !GENERIC_ERROR_NAMES.has(value)
    ? value
    : undefined;
}
