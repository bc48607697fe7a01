'use client';
/**
 * Follows one long operation (create, restore, upload) by polling getBackupAction every
 * POLL_INTERVAL_MS until the operation's row is COMPLETED or FAILED. Exposes the latest view of
 * the backup (whose latestOperation carries phase/tables/rows/bytes/percent) and, once it ends,
 * the finished outcome; `onFinished` runs once per operation (the dashboard refreshes the page
 * data there). For a restore, the outcome also names the safety backup's file. Polling stops
 * after MAX_POLL_FAILURES consecutive failed polls, with the last error kept for display.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getBackupAction } from '@/actions/backups/getBackupAction';
import type { BackupView, OperationView } from '@/lib/backup/service/backup-view';

export const POLL_INTERVAL_MS = 1000;
const FIRST_POLL_MS = 250;
const MAX_POLL_FAILURES = 5;

export interface TrackedOperation {
  backupId: string;
  /** Unknown when the action did not return it (then the backup's latest operation is followed). */
  operationId: string | null;
  kind: OperationView['kind'];
  /** false when the page found it already running (started elsewhere). */
  startedHere: boolean;
}

export interface FinishedOperation {
  op: TrackedOperation;
  view: BackupView;
  operation: OperationView | null;
  ok: boolean;
  safetyBackupFilename: string | null;
}

export interface Tracker {
  current: TrackedOperation | null;
  view: BackupView | null;
  finished: FinishedOperation | null;
  pollError: string | null;
  start(op: TrackedOperation): void;
  clearFinished(): void;
}

const isTerminal = (status: string) => status === 'COMPLETED' || status === 'FAILED';

function operationOf(view: BackupView, op: TrackedOperation): OperationView | null {
  const latest = view.latestOperation;
  if (!latest) return null;
  if (op.operationId && latest.id !== op.operationId) return null;
  return latest;
}

async function safetyFilename(op: OperationView | null): Promise<string | null> {
  if (!op?.safetyBackupId) return null;
  const result = await getBackupAction({ id: op.safetyBackupId });
  return result.ok ? result.data.filename : null;
}

export function useOperationTracker(onFinished: (finished: FinishedOperation) => void): Tracker {
  const [current, setCurrent] = useState<TrackedOperation | null>(null);
  const [view, setView] = useState<BackupView | null>(null);
  const [finished, setFinished] = useState<FinishedOperation | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });

  useEffect(() => {
    if (!current) return;
    let cancelled = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      const result = await getBackupAction({ id: current.backupId }).catch(() => null);
      if (cancelled) return;
      if (!result || !result.ok) {
        failures++;
        setPollError(result && !result.ok ? result.error.message : 'The server did not answer.');
        if (failures >= MAX_POLL_FAILURES) return setCurrent(null);
        timer = setTimeout(poll, POLL_INTERVAL_MS);
        return;
      }
      failures = 0;
      setPollError(null);
      setView(result.data);
      const operation = operationOf(result.data, current);
      const done = operation ? isTerminal(operation.status) : current.kind === 'CREATE' && isTerminal(result.data.status);
      if (!done) {
        timer = setTimeout(poll, POLL_INTERVAL_MS);
        return;
      }
      const ok = operation ? operation.status === 'COMPLETED' : result.data.status === 'COMPLETED';
      const outcome: FinishedOperation = {
        op: current,
        view: result.data,
        operation,
        ok,
        safetyBackupFilename: current.kind === 'RESTORE' ? await safetyFilename(operation) : null,
      };
      if (cancelled) return;
      setFinished(outcome);
      setCurrent(null);
      onFinishedRef.current(outcome);
    };
    timer = setTimeout(poll, FIRST_POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [current]);

  const start = useCallback((op: TrackedOperation) => {
    setFinished(null);
    setPollError(null);
    setView(null);
    setCurrent(op);
  }, []);
  const clearFinished = useCallback(() => setFinished(null), []);

  return { current, view, finished, pollError, start, clearFinished };
}
