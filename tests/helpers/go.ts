import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Go keeps golang.org/x/mod here (package golang-golang-x-mod-dev); GOPATH mode needs no network. */
const GOPATH = '/usr/share/gocode';

export function goAvailable(): boolean {
  return (
    spawnSync('go', ['version']).status === 0 &&
    spawnSync('test', ['-d', `${GOPATH}/src/golang.org/x/mod/sumdb/tlog`]).status === 0
  );
}

let built: string | undefined;

/** Builds tests/go/tlogverify once per process and returns the binary's path. */
export function buildGoVerifier(): string {
  if (built) return built;
  const cache = join(tmpdir(), 'imtahan-gocache');
  mkdirSync(cache, { recursive: true });
  const out = join(tmpdir(), `imtahan-tlogverify-${process.pid}`);
  execFileSync('go', ['build', '-o', out, './tests/go/tlogverify/'], {
    env: { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: cache, GOFLAGS: '' },
    stdio: 'pipe',
  });
  built = out;
  return out;
}
