import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A private PostgreSQL cluster for one test file: `initdb` in a temporary folder, the server on a free
 * local port (socket in the same folder), one fresh database per `database()` call, stopped and removed
 * by `stop()`. Run as root, the server runs as the `postgres` user (initdb refuses root).
 */
export interface PgCluster {
  /** A new empty database; its URL (`postgres://postgres@127.0.0.1:PORT/NAME`). */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function pgBinDir(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && existsSync(join(onPath, '..', 'initdb'))) return join(onPath, '..');
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/** Why the PostgreSQL tests are skipped here, or null when they can run. */
export function pgSkipReason(): string | null {
  return pgBinDir() ? null : 'PostgreSQL is not installed (no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin); .ci/run installs Debian\'s postgresql';
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

/**
 * Starts a private cluster (see PgCluster). Throws when PostgreSQL is not installed: guard with
 * `pgSkipReason()`. Tests run without fsync (nothing to keep); `durable` keeps PostgreSQL's defaults,
 * for benchmarks whose figures must include flushing to disk.
 */
export async function startPgCluster(options: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgSkipReason()!);
  // initdb needs a writable /dev/null; some containers leave it 0600.
  if (asRoot && (statSync('/dev/null').mode & 0o666) !== 0o666) chmodSync('/dev/null', 0o666);
  const dir = mkdtempSync(join(tmpdir(), 'planbot-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', ...(options.durable ? [] : ['--no-sync'])]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=64MB${options.durable ? '' : ' -c fsync=off'}`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let n = 0;
  return {
    async database() {
      const name = `planbot_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
