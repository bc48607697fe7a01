/**
 * `help [command]` (also `--help`/`-h` anywhere, and no command at all): the overview of all
 * commands with the exit-code table, or one command's usage and options — all generated from the
 * commands' own declarations. A factory, because help lists the registry that contains it.
 */
import { findCommand, GLOBAL_OPTIONS, type Command, type OptionSpec } from '../command';
import { EXIT_CODE_TABLE } from '../exit-codes';
import { formatTable } from '../output';

export const PROGRAM = 'npm run backup --';

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    return [`  ${flag}`, spec.description];
  });
  return formatTable(['', ''], rows).slice(1);
}

function overview(commands: readonly Command[]): string[] {
  return [
    `School ERP database backups. Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...formatTable(['', ''], commands.map((c) => [`  ${c.name}`, c.summary])).slice(1),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    `Run "${PROGRAM} help <command>" for a command's arguments and options.`,
    'Settings come from the environment: DATABASE_URL (unset: the embedded server), BACKUP_DIR,',
    'BACKUP_ENCRYPTION_KEY, BACKUP_PREVIOUS_KEYS and the others documented in .env.example.',
    '',
    'Exit codes:',
    ...EXIT_CODE_TABLE.map((row) => `  ${String(row.exitCode).padStart(3)}  ${row.meaning}`),
  ];
}

function commandHelp(command: Command): string[] {
  return [
    `Usage: ${PROGRAM} ${command.usage}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }),
  ];
}

export function helpCommand(registry: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'show help for all commands or for one',
    usage: 'help [command]',
    args: [{ name: 'command', optional: true }],
    options: {},
    async run({ args }) {
      const commands = registry();
      const name = args[0];
      if (name === undefined) {
        return { data: { commands: commands.map(({ name, summary, usage, options }) => ({ name, summary, usage, options })), exitCodes: EXIT_CODE_TABLE }, lines: overview(commands) };
      }
      const command = findCommand(commands, name);
      return { data: { command: { name: command.name, summary: command.summary, usage: command.usage, options: command.options } }, lines: commandHelp(command) };
    },
  };
}
