/**
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N]`: where a V8 CPU profile (from
 * `node --cpu-prof`) spent its samples — self time per function (with its file), and per
 * category (idle, garbage collection, native/program, our code, each dependency).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const profile = JSON.parse(await readFile(positionals[0]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalMicros = profile.endTime - profile.startTime;

function category(url: string, name: string): string {
  if (name === '(idle)') return 'idle (waiting: I/O, thread pool, database)';
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)' || url === '') return 'native / program';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node core';
  return 'our code';
}

const functions = new Map<string, number>();
const categories = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const name = functionName || '(anonymous)';
  const where = url ? `${url.replace(/^.*\/(node_modules\/|\.bench-build-[^/]+\/)/, '')}:${lineNumber + 1}` : '';
  functions.set(`${name} ${where}`, (functions.get(`${name} ${where}`) ?? 0) + micros);
  const c = category(url, name);
  categories.set(c, (categories.get(c) ?? 0) + micros);
}
const pct = (micros: number) => `${((100 * micros) / totalMicros).toFixed(1).padStart(5)} %`;
const ms = (micros: number) => `${(micros / 1000).toFixed(0).padStart(6)} ms`;
console.log(`wall ${ms(totalMicros)}`);
console.log('\nby category');
for (const [c, micros] of [...categories].sort((a, b) => b[1] - a[1])) console.log(`${ms(micros)} ${pct(micros)}  ${c}`);
console.log('\nby function (self time)');
for (const [f, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${ms(micros)} ${pct(micros)}  ${f}`);
