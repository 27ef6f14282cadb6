// A sandbox in its own process, so the server's work never shares an event loop (or a heap) with the
// client being measured. Started by startSandboxProcess(); prints one JSON line with its address.
import { fork, type ChildProcess } from 'child_process';
import { startSandbox } from '../../src/sandbox/server';
import type { RequestLogEntry, SandboxOptions } from '../../src/sandbox/types';

export interface SandboxProcess {
  url: string;
  token: string;
  pid: number;
  /** Every API request the sandbox answered since start or the last clearLog(). */
  log(): Promise<RequestLogEntry[]>;
  clearLog(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child: ChildProcess = fork(__filename, [JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const info = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (c: Buffer) => {
      seen += c.toString();
      const nl = seen.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(seen.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`sandbox process exited early (${code})`)));
  });
  const control = async (route: string, method = 'POST'): Promise<unknown> => {
    const res = await fetch(`${info.url}/__sandbox/${route}`, { method });
    if (!res.ok) throw new Error(`sandbox /__sandbox/${route} answered ${res.status}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    ...info,
    pid: child.pid!,
    log: async () => ((await control('log', 'GET')) as { data: RequestLogEntry[] }).data,
    clearLog: async () => void (await control('log/clear')),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
  void startSandbox({ host: '127.0.0.1', port: 0, ...options }).then((sb) => {
    process.stdout.write(JSON.stringify({ url: sb.url, token: sb.token }) + '\n');
    const stop = () => void sb.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.once('disconnect', stop);
  });
}
