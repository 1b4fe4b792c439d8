/** dig and kdig, run asynchronously (the server answers in the same process) with a time limit. */
import { execFile } from 'node:child_process';

export function run(command: 'dig' | 'kdig', args: readonly string[], timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      // dig exits 9 when nothing answered; the output says why, and the assertion shows it.
      if (err && (err as { killed?: boolean }).killed) reject(new Error(`${command} ${args.join(' ')} timed out: ${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

export const dig = (port: number, ...args: string[]) => run('dig', ['@127.0.0.1', '-p', String(port), '+norec', '+time=2', '+tries=1', ...args]);
export const kdig = (port: number, ...args: string[]) => run('kdig', ['@127.0.0.1', '-p', String(port), '+norec', '+time=2', '+retry=0', ...args]);

/** The value of the header's status field. */
export function status(out: string): string | undefined {
  return /status: ([A-Z]+)/.exec(out)?.[1];
}

/** The header flags, e.g. ['qr', 'aa']. */
export function flags(out: string): string[] {
  return (/flags: ([a-z ]*);/.exec(out)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/** The records of one section, as dig prints them (comment lines dropped, whitespace collapsed). */
export function section(out: string, name: 'ANSWER' | 'AUTHORITY' | 'ADDITIONAL'): string[] {
  const m = new RegExp(`;; ${name} SECTION:\\n([\\s\\S]*?)(?:\\n\\n|$)`).exec(out);
  return m ? m[1]!.split('\n').filter((l) => l && !l.startsWith(';')).map((l) => l.replace(/\s+/g, ' ').trim()) : [];
}
