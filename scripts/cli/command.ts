/**
 * The contract of a CLI command and the parsing of a command line into an invocation.
 * Each command (one file in `commands/`) declares its name, summary, usage, positional
 * arguments and options; `--help` and `help <command>` are generated from that. Parsing is
 * `node:util` `parseArgs` in strict mode; every mistake (unknown command or option, missing or
 * extra argument) is an InvalidInputError, which the CLI exits with as a usage error (2).
 */
import { parseArgs } from 'node:util';
import { InvalidInputError } from '@/lib/backup';
import type { CliEnvironment } from './context';
import type { CommandResult, Output } from './output';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Placeholder shown in help for a string option, e.g. "FILE". */
  valueName?: string;
}

export interface ArgumentSpec {
  name: string;
  optional?: boolean;
}

export interface Invocation {
  /** Positional arguments, already checked against the command's `args`. */
  args: string[];
  flag(name: string): boolean;
  option(name: string): string | undefined;
  env: CliEnvironment;
  out: Output;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. "verify <id|file> [--trial]". */
  usage: string;
  args: readonly ArgumentSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  run(invocation: Invocation): Promise<CommandResult>;
}

/** Accepted by every command. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print one JSON document on stdout instead of text (no progress)' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', description: 'print the version' },
};

export interface ParsedCommandLine {
  command: Command;
  args: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * Leading flags are global; the first other word names the command (none: `help`).
 * `<command> --help` becomes `help <command>`.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  const at = argv.findIndex((token) => !token.startsWith('-'));
  const name = at === -1 ? 'help' : argv[at]!;
  const rest = at === -1 ? [...argv] : [...argv.slice(0, at), ...argv.slice(at + 1)];
  const command = findCommand(commands, name);
  const parsed = parseOptions(rest, command);
  if (parsed.values.help === true && command.name !== 'help') {
    return { command: findCommand(commands, 'help'), args: [command.name], values: parsed.values };
  }
  return { command, args: checkArguments(command, parsed.positionals), values: parsed.values };
}

export function findCommand(commands: readonly Command[], name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new InvalidInputError(`Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
  return command;
}

function parseOptions(tokens: string[], command: Command) {
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  const options = Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [key, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  );
  try {
    const parsed = parseArgs({ args: tokens, options, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs explains how to pass a positional starting with "-"; the first sentence is enough.
    const message = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new InvalidInputError(`${message} (see "help ${command.name}").`);
  }
}

function checkArguments(command: Command, positionals: string[]): string[] {
  const required = command.args.filter((a) => !a.optional).length;
  if (positionals.length < required || positionals.length > command.args.length) {
    const expected = command.args.length === 0 ? 'no arguments' : command.args.map((a) => (a.optional ? `[${a.name}]` : `<${a.name}>`)).join(' ');
    throw new InvalidInputError(`"${command.name}" takes ${expected}; usage: ${command.usage}`);
  }
  return positionals;
}

export function createInvocation(parsed: ParsedCommandLine, env: CliEnvironment, out: Output): Invocation {
  return {
    args: parsed.args,
    flag: (name) => parsed.values[name] === true,
    option: (name) => {
      const value = parsed.values[name];
      return typeof value === 'string' ? value : undefined;
    },
    env,
    out,
  };
}
