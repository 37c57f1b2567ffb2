// Accounts: register, log in, change one's own credentials. Unique emails (among live users: a
// soft-deleted account neither blocks nor reveals its address) are left to the database constraint
// (P2002 → 409), never checked first; a credentials change revokes every earlier token; writes to an existing user use the P2025 pattern,
// so a user deleted between the lookup and the write is a 401/404, never a 500.
import { hashPassword, verifyPassword } from '../lib/auth.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../lib/errors.ts';
import type { ServiceContext } from './context.ts';
import { publicUserSelect } from './user.service.ts';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface UpdateCredentialsInput {
  email?: string;
  password?: string;
  currentPassword: string;
}

const withTokenVersion = { ...publicUserSelect, tokenVersion: true } as const;

/** One message for every failed login, so the answer does not reveal which emails exist. */
const INVALID_CREDENTIALS = 'invalid email or password';

export class AuthService {
  /** Verified against when the email is unknown, so a miss costs as much time as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(private readonly ctx: ServiceContext) {}

  /** A USER with an empty preference row, in one statement. A taken email is P2002 → 409. */
  async register(input: RegisterInput) {
    const { tokenVersion, ...user } = await this.ctx.prisma.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        role: 'USER',
        preference: { create: {} },
      },
      select: withTokenVersion,
    });
    return { user, token: await this.ctx.tokens.sign({ userId: user.id, role: user.role, version: tokenVersion }) };
  }

  async login(input: LoginInput) {
    const found = await this.ctx.prisma.user.findFirst({
      where: { email: input.email, deletedAt: null },
      select: { id: true, passwordHash: true },
    });
    this.decoyHash ??= hashPassword('a decoy that matches no password');
    const valid = await verifyPassword(input.password, found?.passwordHash ?? (await this.decoyHash));
    if (found === null || !valid) throw new UnauthorizedError(INVALID_CREDENTIALS);

    const { tokenVersion, ...user } = await this.recordLogin(found.id);
    return { user, token: await this.ctx.tokens.sign({ userId: user.id, role: user.role, version: tokenVersion }) };
  }

  /** P2025 pattern; a user deleted since the lookup gets the same answer as a deleted user's login. */
  private async recordLogin(userId: string) {
    try {
      return await this.ctx.records.mustExist('user', userId, () =>
        this.ctx.prisma.user.update({
          where: { id: userId, deletedAt: null },
          data: { lastLogin: new Date() },
          select: withTokenVersion,
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError) throw new UnauthorizedError(INVALID_CREDENTIALS);
      throw error;
    }
  }

  /**
   * Changing the email or the password needs the current password. A wrong one is 403 rather
   * than 401: the token is valid, and a 401 would tell clients to throw it away. A change revokes
   * every token issued before it (other sessions, a stolen token); the caller gets a fresh one.
   */
  async updateCredentials(userId: string, input: UpdateCredentialsInput) {
    const found = await this.ctx.prisma.user.findFirst({
      where: { id: userId, deletedAt: null },
      select: { passwordHash: true },
    });
    if (found === null) throw new NotFoundError('user', userId);
    if (!(await verifyPassword(input.currentPassword, found.passwordHash)))
      throw new ForbiddenError('current password is incorrect');

    const data = {
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      tokenVersion: { increment: 1 },
    };
    const { tokenVersion, ...user } = await this.ctx.records.mustExist('user', userId, () =>
      this.ctx.prisma.user.update({ where: { id: userId, deletedAt: null }, data, select: withTokenVersion }),
    );
    await this.ctx.revocation.changed(userId);
    return { user, token: await this.ctx.tokens.sign({ userId, role: user.role, version: tokenVersion }) };
  }
}
