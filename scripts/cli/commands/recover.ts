/**
 * `recover`: marks operations and backups left RUNNING by a process that died as FAILED, and
 * removes stale temp files — only when no live process holds the operation lock.
 */
import { recoverInterruptedOperations } from '@/lib/backup';
import type { Command } from '../command';

export const recover: Command = {
  name: 'recover',
  summary: 'clean up after a backup or restore process that died',
  usage: 'recover',
  args: [],
  options: {},
  async run({ env }) {
    const recovered = await recoverInterruptedOperations(await env.backup());
    return {
      data: { recovered },
      lines: [recovered === 0 ? 'Nothing to recover.' : `Marked ${recovered} interrupted operation(s) and backup(s) as failed.`],
    };
  },
};
