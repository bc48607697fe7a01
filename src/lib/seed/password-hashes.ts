/**
 * Password hashes for the generated User rows. The two demo accounts get real scrypt hashes of
 * their demo passwords (computed once per seed run, salted, so these two values differ between
 * runs). Every other account shares one fixed hash of a random password that was generated once,
 * hashed with `hashPassword` and thrown away: no one can sign in as them, the data stays
 * deterministic, and no row pays for scrypt.
 */
import { hashPassword } from '../auth/password';
import { DEMO_ADMIN, DEMO_TEACHER } from './demo-users';

export const UNUSABLE_PASSWORD_HASH = 'scrypt$16384$8$1$glSa7UD5ymDNS35BLWh80A==$YeIKW1sSSZkV2L7CX1u0gqeGkSqjPDlrXp7p49EpGyA=';

export interface DemoPasswordHashes {
  admin: string;
  teacher: string;
}

export async function hashDemoPasswords(): Promise<DemoPasswordHashes> {
  const [admin, teacher] = await Promise.all([hashPassword(DEMO_ADMIN.password), hashPassword(DEMO_TEACHER.password)]);
  return { admin, teacher };
}
