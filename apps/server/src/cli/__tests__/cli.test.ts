import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../../bin/nuanxin.mjs');

describe('nuanxin CLI (embedded engine)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanxin-cli-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, NUANXIN_DATA_DIR: dataDir, NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    delete env.NUANXIN_SECRET;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints help (0) and rejects unknown commands and bad options (2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('migrate');
    expect((await run(['frobnicate'])).code).toBe(2);
    const badPhone = await run([
      'user',
      'create',
      '--phone',
      '123',
      '--name',
      'x',
      '--role',
      'dispatcher',
      '--scope',
      '511102',
    ]);
    expect(badPhone.code).toBe(2);
    expect(badPhone.stderr).toContain('mobile number');
    const badRole = await run([
      'user',
      'create',
      '--phone',
      '13700000001',
      '--name',
      'x',
      '--role',
      'king',
      '--scope',
      '511102',
    ]);
    expect(badRole.code).toBe(2);
  });

  it('migrates, seeds the demo data twice and lists users', async () => {
    const m = await run(['migrate']);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/up to date \(pglite/);

    const s1 = await run(['seed', 'demo']);
    expect(s1.code).toBe(0);
    expect(s1.stdout).toContain('szq.admin');
    const s2 = await run(['seed', 'demo']);
    expect(s2.code).toBe(0);
    expect(s2.stdout).toContain('0 organisations created');

    const list = await run(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('139****0001');
    expect(list.stdout).not.toContain('13900000001');

    const unknownScope = await run([
      'user',
      'create',
      '--phone',
      '13700000009',
      '--name',
      '某人',
      '--role',
      'dispatcher',
      '--scope',
      '不存在的地方',
    ]);
    expect(unknownScope.code).toBe(2);
    expect(unknownScope.stderr).toContain('user.invalid_scope');
  }, 240_000); // three CLI processes, each booting the embedded engine: slow on a busy 2-core machine

  it('refuses to open a data directory another live process holds', async () => {
    const lock = path.join(dataDir, 'server.pid');
    fs.writeFileSync(lock, `${process.pid} server\n`);
    try {
      const r = await run(['migrate']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('in use by process');
    } finally {
      fs.rmSync(lock, { force: true });
    }
    // A file left by a dead process does not block.
    fs.writeFileSync(lock, '2147483646 server\n');
    expect((await run(['migrate'])).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });
});
