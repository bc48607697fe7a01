/**
 * A tiny sequential test runner for the browser scenarios: `test(name, fn)` registers, `run()`
 * executes them in order, prints one line per scenario with its time (and the error when it
 * fails), and ends with the line `N passed, M failed`. Scenarios share state on purpose (the
 * second restores the backup the first made), so they run in registration order.
 */
export interface ScenarioResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: unknown;
}

type Scenario = { name: string; fn: () => Promise<void> };

const scenarios: Scenario[] = [];

/** E2E_ONLY="1.,5." runs only the scenarios whose names start so (for iterating on one). */
const only = process.env.E2E_ONLY?.split(',').map((p) => p.trim()).filter(Boolean);

export function test(name: string, fn: () => Promise<void>): void {
  if (only && !only.some((prefix) => name.startsWith(prefix))) return;
  scenarios.push({ name, fn });
}

export async function run(): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const { name, fn } of scenarios) {
    const started = performance.now();
    try {
      await fn();
      const ms = performance.now() - started;
      results.push({ name, ok: true, ms });
      console.log(`✔ ${name} (${(ms / 1000).toFixed(1)} s)`);
    } catch (error) {
      const ms = performance.now() - started;
      results.push({ name, ok: false, ms, error });
      console.log(`✘ ${name} (${(ms / 1000).toFixed(1)} s)`);
      console.log(`  ${String(error instanceof Error ? (error.stack ?? error.message) : error).split('\n').join('\n  ')}`);
    }
  }
  return results;
}

export function summary(results: ScenarioResult[]): string {
  const passed = results.filter((r) => r.ok).length;
  return `${passed} passed, ${results.length - passed} failed`;
}

/** Throws with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
