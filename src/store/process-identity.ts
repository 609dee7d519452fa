import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock: enough to tell, on the same host, whether that process is still running. */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** The kernel's boot id (Linux): a different one means the machine restarted since. */
  bootId: string | null;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot, Linux): tells a reused pid from the original. */
  startTime: string | null;
  /** The pid namespace (Linux, e.g. `pid:[4026531836]`): pids of another container cannot be checked from here. */
  pidNamespace?: string | null;
}

/** This process. */
export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, hostname: hostname(), bootId: bootId(), startTime: processStartTime(process.pid), pidNamespace: pidNamespace() };
}

/** The start time of a running process from /proc/<pid>/stat (field 22), or null where there is no /proc or no such process. */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[22 - 3] ?? null;
}

/** Fields 3… of /proc/<pid>/stat (field 3 is the state), or null where there is no /proc or no such process. */
function statFields(pid: number): string[] | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 (the command) is in parentheses and may hold spaces: count from the last ')'. Field 3 follows it.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that recorded `holder` still runs, judged from `here`: 'dead' only when it is
 * certain (same host, and the machine rebooted, or no such pid, or the pid is a zombie — killed and
 * not yet reaped by its parent —, or the pid now belongs to a process that started at another time); 'unknown' for another host or another pid namespace (container).
 */
export function holderState(holder: ProcessIdentity, here: ProcessIdentity = currentProcess()): 'alive' | 'dead' | 'unknown' {
  if (holder.hostname !== here.hostname) return 'unknown';
  if (holder.bootId && here.bootId && holder.bootId !== here.bootId) return 'dead';
  if ((holder.pidNamespace ?? null) !== (here.pidNamespace ?? null)) return 'unknown';
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  if (holder.pid !== here.pid) {
    // A zombie (Z) or dying (X) process holds nothing: a kill -9 leaves one until its parent reaps it.
    const state = statFields(holder.pid)?.[0];
    if (state === 'Z' || state === 'X') return 'dead';
  }
  if (holder.startTime !== null) {
    const now = holder.pid === here.pid ? here.startTime : processStartTime(holder.pid);
    if (now !== null && now !== holder.startTime) return 'dead';
  }
  return 'alive';
}
