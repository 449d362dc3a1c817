import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The project's Python virtual environment (python/requirements.txt), provisioned by
 * python/ensure-venv.sh — which `npm test` runs first, so this only looks it up.
 */
export function pythonEnv(): { readonly venv: string; readonly python: string; bin(name: string): string } {
  const venv = execFileSync('bash', [path.join(ROOT, 'python', 'ensure-venv.sh')], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return { venv, python: path.join(venv, 'bin', 'python'), bin: (name: string) => path.join(venv, 'bin', name) };
}
