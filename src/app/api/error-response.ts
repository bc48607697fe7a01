/**
 * The one place route handlers turn errors into HTTP: the JSON body is the action translator's
 * `{ error: { code, message } }` (so unknown errors are logged and leak nothing), and the status
 * follows the code. Bodies are never cached and never sniffed.
 */
import { toActionError } from '@/actions/result';

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  LOCKED: 409,
};

export const NO_STORE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function errorResponse(error: unknown): Response {
  const body = toActionError(error);
  return Response.json({ error: body }, { status: STATUS_BY_CODE[body.code] ?? 500, headers: NO_STORE_HEADERS });
}
