/**
 * Makes an AbortSignal stop whatever statement a connection is running — a COPY, an index
 * build, a REFRESH, the COMMIT wait — by asking the server to cancel its backend
 * (`pg_cancel_backend`) from a second, short-lived connection. The statement then fails with
 * SQLSTATE 57014, which the caller turns into CancelledError. The request is repeated every
 * CANCEL_RETRY_MS until `stop()`, so a statement that starts just after a cancel is stopped too.
 */
import type pg from 'pg';
import { connectFor } from './connect';

const CANCEL_RETRY_MS = 250;

export function cancelOnAbort(signal: AbortSignal | undefined, url: string, client: pg.Client): { stop(): void } {
  if (!signal) return { stop: () => undefined };
  const pid = (client as unknown as { processID: number | null }).processID;
  const cancel = () => {
    void (async () => {
      const canceller = await connectFor(url, 'erp-backup-cancel', 'to cancel the running statement');
      try {
        await canceller.query('SELECT pg_catalog.pg_cancel_backend($1)', [pid]);
      } finally {
        await canceller.end().catch(() => undefined);
      }
    })().catch(() => undefined);
  };
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    cancel();
    timer = setInterval(cancel, CANCEL_RETRY_MS);
  };
  if (signal.aborted) start();
  else signal.addEventListener('abort', start, { once: true });
  return {
    stop: () => {
      signal.removeEventListener('abort', start);
      clearInterval(timer);
    },
  };
}
