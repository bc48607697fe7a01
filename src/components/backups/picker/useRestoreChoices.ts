'use client';
/**
 * A backup's restore choices (its tables with row counts, and the foreign keys between them),
 * asked of restoreChoicesAction once per backup and page: the compare page and the restore dialog
 * opened from it share the one answer. A failed answer is not kept, so the next dialog asks again.
 */
import { useEffect, useState } from 'react';
import { restoreChoicesAction } from '@/actions/backups/restoreChoicesAction';
import type { RestoreChoices } from '@/lib/backup/preview/restore-choices';

export type ChoicesState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; choices: RestoreChoices };

const answers = new Map<string, Promise<ChoicesState>>();

function ask(backupId: string): Promise<ChoicesState> {
  const known = answers.get(backupId);
  if (known) return known;
  const answer = restoreChoicesAction({ id: backupId }).then(
    (result): ChoicesState => (result.ok ? { status: 'ready', choices: result.data } : { status: 'failed', message: result.error.message }),
    (): ChoicesState => ({ status: 'failed', message: 'The server did not answer. Close this and try again.' }),
  );
  answers.set(backupId, answer);
  void answer.then((state) => {
    if (state.status === 'failed') answers.delete(backupId);
  });
  return answer;
}

/** The choices for `backupId`, asked for only once `wanted` (e.g. a partial restore was chosen). */
export function useRestoreChoices(backupId: string, wanted: boolean): ChoicesState {
  const [state, setState] = useState<ChoicesState>({ status: 'loading' });
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void ask(backupId).then((answer) => {
      if (current) setState(answer);
    });
    return () => {
      current = false;
    };
  }, [backupId, wanted]);
  return state;
}
