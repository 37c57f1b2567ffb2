// Phone verification for users and organizers: a 6-digit code (only its hash is stored) that lives
// ten minutes and allows five attempts. Verifying consumes the code and sets the phone in one
// transaction; the phone write uses the P2025 pattern, so an owner deleted at any point is a 404
// and the code stays unconsumed.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { TokenClaims } from '../lib/auth.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { ServiceContext } from './context.ts';
import { OrganizerService, organizerSelect } from './organizer.service.ts';
import { publicUserSelect } from './user.service.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;
const TRANSACTION_OPTIONS = { maxWait: 2_000, timeout: 5_000 };

/** The code is bound to the phone it was sent to. */
export function hashVerificationCode(phone: string, code: string): string {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}

export interface PhoneVerificationOptions {
  now?: () => Date;
  generateCode?: () => string;
}

type CodeOwner = { userId: string } | { organizerId: string };

export interface StartedVerification {
  expiresAt: Date;
  /** Only under the PHONE_CODE_IN_RESPONSE development switch (refused in production). */
  devCode?: string;
}

export class PhoneVerificationService {
  private readonly organizers: OrganizerService;
  private readonly now: () => Date;
  private readonly generateCode: () => string;

  constructor(
    private readonly ctx: ServiceContext,
    options: PhoneVerificationOptions = {},
  ) {
    this.organizers = new OrganizerService(ctx);
    this.now = options.now ?? (() => new Date());
    this.generateCode = options.generateCode ?? (() => String(randomInt(0, 1_000_000)).padStart(6, '0'));
  }

  async startForUser(userId: string, phone: string): Promise<StartedVerification> {
    await this.assertUserLive(userId);
    return this.issue({ userId }, phone);
  }

  async verifyForUser(userId: string, code: string) {
    await this.assertUserLive(userId);
    return this.verify({ userId }, code, (tx, phone, at) =>
      this.ctx.records.mustExist('user', userId, () =>
        tx.user.update({
          where: { id: userId, deletedAt: null },
          data: { phone, phoneVerifiedAt: at },
          select: publicUserSelect,
        }),
      ),
    );
  }

  async startForOrganizer(caller: TokenClaims, organizerId: string, phone: string): Promise<StartedVerification> {
    await this.organizers.authorize(caller, organizerId, "verify the organizer's phone");
    return this.issue({ organizerId }, phone);
  }

  async verifyForOrganizer(caller: TokenClaims, organizerId: string, code: string) {
    await this.organizers.authorize(caller, organizerId, "verify the organizer's phone");
    return this.verify({ organizerId }, code, (tx, phone, at) =>
      this.ctx.records.mustExist('organizer', organizerId, () =>
        tx.organizer.update({
          where: { id: organizerId, deletedAt: null },
          data: { phone, phoneVerifiedAt: at },
          select: organizerSelect,
        }),
      ),
    );
  }

  /**
   * The owner was checked just before; should it be deleted before the code is verified, the
   * verification's write is a P2025 → 404, so a code issued here can never verify a deleted owner.
   */
  private async issue(owner: CodeOwner, phone: string): Promise<StartedVerification> {
    const code = this.generateCode();
    const expiresAt = new Date(this.now().getTime() + CODE_TTL_MS);
    const { id } = await this.ctx.prisma.phoneVerificationCode.create({
      data: { ...owner, phone, codeHash: hashVerificationCode(phone, code), expiresAt },
      select: { id: true },
    });
    try {
      await this.ctx.sms.send(phone, `Your verification code is ${code}`, { verificationId: id });
    } catch (error) {
      // The stored code is harmless (unsent, it expires); the caller may start again.
      throw new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'the code could not be sent; retry later', { cause: error });
    }
    return this.ctx.exposeVerificationCodes ? { expiresAt, devCode: code } : { expiresAt };
  }

  private async verify<T>(
    owner: CodeOwner,
    code: string,
    apply: (tx: Prisma.TransactionClient, phone: string, at: Date) => Promise<T>,
  ): Promise<T> {
    const { prisma } = this.ctx;
    const now = this.now();
    const pending = await prisma.phoneVerificationCode.findFirst({
      where: { ...owner, consumedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
    });
    if (pending === null) throw new ValidationError('no pending verification code: start a new verification');

    // The attempt is counted before the comparison, in one guarded statement, so parallel guesses
    // cannot get past the limit.
    const counted = await prisma.phoneVerificationCode.updateMany({
      where: { id: pending.id, consumedAt: null, attempts: { lt: MAX_ATTEMPTS } },
      data: { attempts: { increment: 1 } },
    });
    if (counted.count === 0) throw new ConflictError('too many attempts: start a new verification');
    if (!sameHash(pending.codeHash, hashVerificationCode(pending.phone, code))) {
      throw new ValidationError('incorrect verification code', {
        attemptsLeft: Math.max(0, MAX_ATTEMPTS - pending.attempts - 1),
      });
    }

    return prisma.$transaction(async (tx) => {
      const consumed = await tx.phoneVerificationCode.updateMany({
        where: { id: pending.id, consumedAt: null },
        data: { consumedAt: now },
      });
      if (consumed.count === 0) throw new ConflictError('this verification code has already been used');
      return apply(tx, pending.phone, now);
    }, TRANSACTION_OPTIONS);
  }

  private async assertUserLive(userId: string): Promise<void> {
    const user = await this.ctx.prisma.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true } });
    if (user === null) throw new NotFoundError('user', userId);
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
