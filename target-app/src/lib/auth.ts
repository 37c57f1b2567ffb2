// JWT access tokens (HS256, jose) and password hashing (scrypt). Tokens carry the user id, the role
// and the user's token version at issue (`ver`; absent means 0). A valid signature is not enough:
// lib/token-revocation.ts checks every token against the user's current row (cached briefly).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, jwtVerify } from 'jose';
import type { Role } from '../generated/prisma/enums.ts';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** Who the caller is, as services see it. */
export interface TokenClaims {
  userId: string;
  role: Role;
}

/** What a token says: the caller, and users.tokenVersion when it was issued (a bump revokes it). */
export interface VerifiedToken extends TokenClaims {
  version: number;
}

export class TokenService {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly ttlSec: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: VerifiedToken): Promise<string> {
    return new SignJWT({ role: claims.role, ver: claims.version })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSec}s`)
      .sign(this.key);
  }

  /** Returns the claims, or null for any invalid, expired or malformed token. */
  async verify(token: string): Promise<VerifiedToken | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      const { role, ver = 0 } = payload;
      if (typeof payload.sub !== 'string' || (role !== 'USER' && role !== 'ORGANIZER' && role !== 'ADMIN')) return null;
      if (typeof ver !== 'number' || !Number.isSafeInteger(ver) || ver < 0) return null;
      return { userId: payload.sub, role, version: ver };
    } catch {
      return null;
    }
  }
}

const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || saltB64 === undefined || hashB64 === undefined) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
