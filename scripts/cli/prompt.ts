/**
 * Typed confirmation for destructive commands (restore, delete). `confirmation(yes)` decides at
 * once, before any work: with `--yes` the returned check passes; without a terminal on stdin it
 * throws a usage error (a script must say `--yes`); otherwise the returned check asks the
 * operator on stderr to type a given name and throws ConfirmationFailedError unless it matches.
 */
import { createInterface } from 'node:readline/promises';
import { ConfirmationFailedError, InvalidInputError } from '@/lib/backup';

export type Confirm = (question: string, expected: string, signal: AbortSignal) => Promise<void>;

export function confirmation(yes: boolean): Confirm {
  if (yes) return async () => undefined;
  if (!process.stdin.isTTY) {
    throw new InvalidInputError('This command needs a typed confirmation, but stdin is not a terminal. Pass --yes to confirm in a script.');
  }
  return async (question, expected, signal) => {
    const reader = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await reader.question(`${question}\nType ${expected} to confirm: `, { signal });
      if (answer.trim().replace(/\s+/g, ' ') !== expected) throw new ConfirmationFailedError('What was typed does not match; nothing was changed.');
    } finally {
      reader.close();
    }
  };
}
