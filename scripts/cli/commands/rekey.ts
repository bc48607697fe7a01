/**
 * `rekey [--dry-run]`: re-encrypts every backup made with an older key under the current key,
 * atomically per file (the core's rekey use case, `rekeyBackups`, says how), audit-logged as the
 * CLI. Prints one line per backup and a summary. Exits 0 when every backup was re-encrypted,
 * else with the exit code of the first failure.
 */
import { rekeyBackups, type RekeyItem } from '@/lib/backup';
import type { Command } from '../command';
import { CLI_ACTOR } from '../context';
import { exitCodeFor } from '../exit-codes';

function describe(item: RekeyItem, to: string): string {
  const keys = `${item.from ?? 'unknown key'} -> ${to}`;
  if (item.status === 'would re-encrypt') return `would re-encrypt  ${item.filename}  ${keys}${item.keyConfigured ? '' : '  (its key is NOT configured)'}`;
  const cloud = item.cloud && item.cloud !== 'none' ? `  cloud copy: ${item.cloud}` : '';
  return `${item.status}  ${item.filename}  ${keys}${cloud}${item.error ? `\n  error: ${item.error.message}` : ''}`;
}

export const rekey: Command = {
  name: 'rekey',
  summary: 're-encrypt backups made with older keys under the current key',
  usage: 'rekey [--dry-run]',
  args: [],
  options: { 'dry-run': { type: 'boolean', description: 'only list the backups that would be re-encrypted' } },
  async run({ flag, env, out }) {
    const dryRun = flag('dry-run');
    const report = await rekeyBackups(await env.backup(), {
      actor: CLI_ACTOR,
      dryRun,
      signal: env.signal,
      onBackup: (backup) => out.note(`re-encrypting ${backup.filename} ...`),
    });
    const { items, currentKey: to } = report;
    const failure = items.find((i) => i.error)?.error;
    const done = items.filter((i) => i.status === 're-encrypted').length;
    const summary =
      items.length === 0 ? `All backups already use the current key ${to}.`
      : dryRun ? `${items.length} backup(s) would be re-encrypted with the current key ${to}.`
      : `Re-encrypted ${done} of ${items.length} backup(s) with the current key ${to}.`;
    return {
      data: { rekey: report },
      lines: [...items.map((i) => describe(i, to)), summary],
      exitCode: failure ? exitCodeFor(failure.code) : 0,
    };
  },
};
