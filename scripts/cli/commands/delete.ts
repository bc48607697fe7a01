/**
 * `delete <id> [--yes]`: deletes one backup — local file, cloud copy and row — after a typed
 * confirmation (its date and time, as on the page: src/lib/conventions/confirmation.ts) unless
 * `--yes`; audit-logged as the CLI.
 */
import { confirmationPhrase, deleteBackup, getBackup, writeAudit } from '@/lib/backup';
import type { Command } from '../command';
import { CLI_ACTOR } from '../context';
import { confirmation } from '../prompt';

export const remove: Command = {
  name: 'delete',
  summary: 'delete a backup (file, cloud copy and record)',
  usage: 'delete <id> [--yes]',
  args: [{ name: 'id' }],
  options: { yes: { type: 'boolean', short: 'y', description: 'do not ask for the typed confirmation' } },
  async run({ args, flag, env }) {
    const confirm = confirmation(flag('yes'));
    const ctx = await env.backup();
    const backup = await getBackup(ctx, args[0]!);
    await confirm(
      `This deletes backup ${backup.filename} everywhere (local file and cloud copy).`,
      confirmationPhrase(backup.createdAt, ctx.config.schedule.timeZone),
      env.signal,
    );
    const { filename } = await deleteBackup(ctx, backup.id);
    await writeAudit(ctx.prisma, { actor: CLI_ACTOR, action: 'BACKUP_DELETE', outcome: 'SUCCESS', resourceId: backup.id, details: { filename } });
    return { data: { deleted: { id: backup.id, filename } }, lines: [`deleted ${filename}`] };
  },
};
