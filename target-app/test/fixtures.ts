// Test fixtures, written straight to the database so that a test states only what it cares about.
// Accounts side (organizers, follows, verification codes, races) first; other sections below.
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import type { OrganizerStatus } from '../src/generated/prisma/enums.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { hashVerificationCode } from '../src/services/phone-verification.service.ts';
import { createUser, type TestApp } from './support.ts';

export type TestUser = Awaited<ReturnType<typeof createUser>>;

const deletedAt = (deleted: boolean | undefined): Date | null => (deleted ? new Date() : null);

/** An organizer owned by `owner` (or by a new ORGANIZER user); APPROVED unless told otherwise. */
export async function createOrganizer(
  app: TestApp,
  options: { owner?: TestUser; status?: OrganizerStatus; deleted?: boolean; name?: string; phone?: string } = {},
) {
  const owner = options.owner ?? (await createUser(app, { role: 'ORGANIZER' }));
  const organizer = await app.prisma.organizer.create({
    data: {
      ownerId: owner.user.id,
      name: options.name ?? 'Test Organizer',
      status: options.status ?? 'APPROVED',
      phone: options.phone,
      deletedAt: deletedAt(options.deleted),
    },
  });
  return { organizer, owner };
}

export async function createFollow(app: TestApp, userId: string, organizerId: string, createdAt?: Date) {
  return app.prisma.follow.create({ data: { userId, organizerId, createdAt } });
}

/** A reload of a row, for asserting what a request did (or did not do) to it. */
export const reloadUser = (app: TestApp, id: string) => app.prisma.user.findUniqueOrThrow({ where: { id } });
export const reloadOrganizer = (app: TestApp, id: string) => app.prisma.organizer.findUniqueOrThrow({ where: { id } });

/**
 * A user row without the columns every authenticated request touches (the fire-and-forget
 * lastSeen write, and updatedAt with it): what "the request left the row unchanged" compares.
 */
export async function reloadAccount(app: TestApp, id: string) {
  const { lastSeen: _lastSeen, updatedAt: _updatedAt, ...account } = await reloadUser(app, id);
  return account;
}

export function accountOf(user: { lastSeen: Date | null; updatedAt: Date }) {
  const { lastSeen: _lastSeen, updatedAt: _updatedAt, ...account } = user;
  return account;
}

/** A verification code as the service stores it. */
export async function createVerificationCode(
  app: TestApp,
  owner: { userId: string } | { organizerId: string },
  options: { code: string; phone?: string; expiresAt?: Date; attempts?: number; consumedAt?: Date },
) {
  const phone = options.phone ?? '+15550001111';
  return app.prisma.phoneVerificationCode.create({
    data: {
      ...owner,
      phone,
      codeHash: hashVerificationCode(phone, options.code),
      expiresAt: options.expiresAt ?? new Date(Date.now() + 600_000),
      attempts: options.attempts ?? 0,
      consumedAt: options.consumedAt,
    },
  });
}

type Model = 'user' | 'organizer' | 'userPreference' | 'follow' | 'phoneVerificationCode';
type Operation = 'update' | 'delete' | 'create' | 'findFirst';

/**
 * The app's services context with a database client that runs `before` (once) just before the
 * first `model.operation` query: a deterministic way to make a record disappear between a
 * service's read and its write, on the real database, and so to exercise the P2025 path itself.
 */
export function contextWithRace(
  app: TestApp,
  model: Model,
  operation: Operation,
  before: () => Promise<unknown>,
): ServiceContext {
  let fired = false;
  const hook = async ({ args, query }: { args: unknown; query: (args: unknown) => Promise<unknown> }) => {
    if (!fired) {
      fired = true;
      await before();
    }
    return query(args);
  };
  // A computed model name is wider than $extends' mapped type can check.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const prisma = app.prisma.$extends({ query: { [model]: { [operation]: hook } } } as never) as unknown as PrismaClient;
  return { ...app.server.built.services, prisma };
}

/** Soft-deletes a row behind the service's back (for contextWithRace). */
export const softDeleteUser = (app: TestApp, id: string) =>
  app.prisma.user.update({ where: { id }, data: { deletedAt: new Date() } });
export const softDeleteOrganizer = (app: TestApp, id: string) =>
  app.prisma.organizer.update({ where: { id }, data: { deletedAt: new Date() } });
