/**
 * Runs one command as a child process and measures it from the outside, the same way for our
 * steps and for pg_dump/pg_restore: wall seconds, and peak RSS (`%M`, KiB) and CPU seconds
 * (user + system, `%U` + `%S`) through GNU time when /usr/bin/time exists (else null). Throws with
 * the command's stderr when it fails.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';
const RSS_MARKER = '__peak_rss_kib=';
const CPU_MARKER = '__cpu_seconds=';

export interface Measurement {
  seconds: number;
  peakRssMiB: number | null;
  cpuSeconds: number | null;
  stdout: string;
}

export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  const timed = existsSync(GNU_TIME);
  const [bin, argv] = timed ? [GNU_TIME, ['-f', `${RSS_MARKER}%M ${CPU_MARKER}%U+%S`, command, ...args]] : [command, args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = new RegExp(`${RSS_MARKER}(\\d+)`).exec(stderr);
      const cpu = new RegExp(`${CPU_MARKER}([\\d.]+)\\+([\\d.]+)`).exec(stderr);
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.replace(new RegExp(`${RSS_MARKER}\\S+ ${CPU_MARKER}\\S+`), '').trim()}`));
      resolve({
        seconds,
        peakRssMiB: rss ? Math.round(Number(rss[1]) / 1024) : null,
        cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
        stdout,
      });
    });
  });
}
