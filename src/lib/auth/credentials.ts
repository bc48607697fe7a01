/**
 * Checks an e-mail address and password against the User table. The answer never says which
 * part was wrong, and an unknown address costs the same scrypt work as a wrong password (it is
 * checked against a throw-away hash), so timing does not reveal which addresses exist. Inactive
 * users cannot sign in. E-mail addresses are compared trimmed and lower-cased.
 */
import { randomBytes } from 'node:crypto';
import { getPrisma } from '@/lib/db/prisma';
import type { SessionUser } from './sessions';
import { hashPassword, verifyPassword } from './password';

export type CredentialCheck = { ok: true; user: SessionUser } | { ok: false; account: { id: string; email: string } | null };

let throwAwayHash: Promise<string> | undefined;

export async function checkCredentials(email: string, password: string): Promise<CredentialCheck> {
  const user = await getPrisma().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  throwAwayHash ??= hashPassword(randomBytes(16).toString('hex'));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await throwAwayHash));
  if (!user || !matches || !user.isActive) return { ok: false, account: user ? { id: user.id, email: user.email } : null };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
