import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A throwaway PostgreSQL database, run in single-user mode (no server, no port): close enough to
 * Redshift's SQL to prove that a check statement raises an error. Needs PostgreSQL's `initdb`
 * and `postgres` on the machine (`postgres` on the PATH).
 */
export class ThrowawayPostgres {
  private readonly dir: string;
  private readonly bin: string;
  private readonly user?: string;

  constructor() {
    this.bin = path.dirname(fs.realpathSync(execFileSync('bash', ['-c', 'command -v postgres'], { encoding: 'utf-8' }).trim()));
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-pg-'));
    // PostgreSQL refuses to run as root: run it as the postgres user there.
    this.user = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (this.user) execFileSync('chown', [this.user, this.dir]);
    this.run(path.join(this.bin, 'initdb'), ['-D', path.join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'], '');
  }

  /** Run statements (each ending with `;`) in one session; the log, with any `ERROR:` lines. */
  public execute(statements: string[]): string {
    return this.run(path.join(this.bin, 'postgres'), ['--single', '-j', '-D', path.join(this.dir, 'data'), 'postgres'],
      statements.map((s) => `${s.replace(/;\s*$/, '')};\n\n`).join(''));
  }

  /** Remove the database. */
  public dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private run(command: string, args: string[], input: string): string {
    const [file, argv] = this.user ? ['runuser', ['-u', this.user, '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { input, encoding: 'utf-8', cwd: this.dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
    return `${result.stdout}\n${result.stderr}`;
  }
}
