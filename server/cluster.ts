import cluster, { type Worker } from 'node:cluster';

/** What a server process tells the cluster's primary once it listens: the start-up notice to print. */
export interface ReadyMessage {
  type: 'imtahan:ready';
  notice: string;
}

const isReady = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'imtahan:ready';

/**
 * The primary of `SERVER_PROCESSES` server processes sharing one port (node:cluster hands connections round
 * robin). It serves nothing itself and loads nothing of the application. The first process migrates the
 * database (and seeds the demo) before the others start, so they never race on it; a process that dies is
 * replaced; SIGTERM or SIGINT stops them all gracefully. State lives in PostgreSQL, so any process may answer
 * any request (issue 16).
 */
export function runCluster(processes: number, write: (text: string) => void): void {
  const workers = new Set<Worker>();
  let stopping = false;
  let notice: string | null = null;
  let ready = 0;

  const fork = () => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on('message', (message: unknown) => {
      if (!isReady(message)) return;
      ready += 1;
      if (notice === null) {
        notice = message.notice;
        for (let i = 1; i < processes; i += 1) fork();
      }
      if (ready === processes) write(notice.replace('(database: ', `(${processes} processes, database: `));
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    workers.delete(worker);
    if (stopping) {
      if (workers.size === 0) process.exit(0);
      return;
    }
    // Before the first is ready the start itself failed (configuration, database): stop rather than loop.
    if (notice === null) {
      write(`imtahan: the first server process exited (${code ?? signal}) before it was ready\n`);
      process.exit(1);
    }
    write(`imtahan: a server process exited (${code ?? signal}); starting another\n`);
    fork();
  });

  // The processes close gracefully on SIGTERM; they ignore a terminal's Ctrl-C, which reaches them too, so
  // that it is not taken for a second signal ("exit at once").
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    for (const worker of workers) worker.process.kill('SIGTERM');
    if (workers.size === 0) process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  fork();
}
