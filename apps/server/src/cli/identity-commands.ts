import crypto from 'node:crypto';
import { createTokenCli, createUserCli, lastOtpCli, listUsersCli } from '../modules/identity/identity.cli.ts';
import type { PlatformDeps } from '../platform/deps.ts';

/** The user, token and OTP commands: the identity module does the work, this formats the output. */

function table(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '(none)';
  const width = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);
  const cols = Object.keys(rows[0]!);
  const w = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((x, i) => x + ' '.repeat(Math.max(0, w[i]! - width(x))))
      .join('  ')
      .trimEnd();
  return [
    line(cols),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map((r) => line(cols.map((c) => r[c] ?? ''))),
  ].join('\n');
}

/** A password that passes the identity rules: 20 url-safe characters with every character class. */
export function generatePassword(): string {
  return `${crypto.randomBytes(15).toString('base64url')}-a1A`;
}

export async function createUser(
  deps: PlatformDeps,
  opts: { phone: string; name: string; role: string; scope: string; password?: string },
): Promise<string> {
  const password = opts.password ?? generatePassword();
  const r = await createUserCli(deps, { ...opts, password });
  const lines = [`Created ${r.kind} user ${r.id} (${r.phoneMasked}) as ${opts.role} in ${opts.scope}.`];
  if (!opts.password) lines.push(`Initial password (shown once): ${password}`);
  return lines.join('\n');
}

export async function listUsers(deps: PlatformDeps): Promise<string> {
  const users = await listUsersCli(deps);
  return table(
    users.map((u) => ({
      id: u.id,
      name: u.name,
      username: u.username ?? '',
      phone: u.phoneMasked,
      kind: u.kind,
      status: u.status,
      roles: u.roles.join(','),
    })),
  );
}

export async function createToken(deps: PlatformDeps, opts: { user: string; name: string }): Promise<string> {
  const r = await createTokenCli(deps, opts);
  return `Token ${r.id} for user ${r.userId} (shown once, keep it secret):\n${r.token}`;
}

export async function lastOtp(deps: PlatformDeps, opts: { phone: string }): Promise<string | null> {
  const r = await lastOtpCli(deps, opts.phone);
  return r ? `${r.code}  (sent ${r.sentAt})` : null;
}
