/**
 * Compiles the bench step scripts (bench/steps/*.ts) to plain ESM JavaScript, as a deployment
 * would run them (tsx's in-process compiler alone adds ~40 MB of RSS). The output directory is
 * inside the project, so the steps resolve the project's node_modules; the caller removes it.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

export const STEPS = ['backup', 'backup-now', 'verify', 'restore', 'preview'] as const;
export type StepName = (typeof STEPS)[number];

export interface CompiledSteps {
  dir: string;
  script(step: StepName): string;
}

export async function compileSteps(): Promise<CompiledSteps> {
  const dir = await mkdtemp(path.resolve('.bench-build-'));
  await build({
    entryPoints: STEPS.map((s) => `bench/steps/${s}.ts`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return { dir, script: (step) => path.join(dir, `${step}.mjs`) };
}
