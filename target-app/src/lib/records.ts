// The P2025 pattern, in one place. Every update or delete of "a live record" is a single atomic
// statement whose `where` also requires `deletedAt: null`, so a missing row and a soft-deleted row
// both raise Prisma's P2025; here that becomes a NotFoundError (404) — or, for fire-and-forget
// writes such as "last seen", a logged graceful skip. No check-then-write race.
import { NotFoundError } from './errors.ts';
import { prismaCode } from './error-mapping.ts';
import type { Defects } from './defects.ts';
import type { Logger } from './logger.ts';

export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === 'P2025';
}

export class Records {
  constructor(private readonly defects: Defects) {}

  /** Run a write on one record; P2025 becomes 404 for `resource` `id`. */
  async mustExist<T>(resource: string, id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isRecordNotFound(error) && !this.defects.has('unhandled-p2025'))
        throw new NotFoundError(resource, id, { cause: error });
      throw error;
    }
  }

  /**
   * The parent a create hangs under (a ticket's event, an event's organizer), looked up live first:
   * a missing or soft-deleted parent is 404 for the parent, never an insert that fails on it.
   */
  async parent<T>(resource: string, id: string, lookup: () => Promise<T | null>): Promise<T> {
    const found = await lookup();
    if (found !== null) return found;
    throw this.missingParent(resource, id);
  }

  /**
   * A create whose insert connects a parent that must be live (`connect: { id, deletedAt: null }`,
   * e.g. the caller's own user row): Prisma's P2025 for the missing parent becomes 404.
   */
  async createUnder<T>(resource: string, id: string, create: () => Promise<T>): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (isRecordNotFound(error)) throw this.missingParent(resource, id, error);
      throw error;
    }
  }

  private missingParent(resource: string, id: string, cause?: unknown): Error {
    // The bug the fix removed: the create assumed its parent, and its absence failed as an
    // unexpected error (500) instead of a 404.
    if (this.defects.has('missing-parent-500')) return new Error(`create under a missing ${resource} ${id}`, { cause });
    return new NotFoundError(resource, id, { cause });
  }

  /**
   * Start a write nobody waits for. A missing record is a warning, any other failure an error log;
   * neither may become an unhandled rejection (which would take the process down).
   */
  fireAndForget(
    logger: Logger,
    operation: string,
    context: Record<string, unknown>,
    write: () => Promise<unknown>,
  ): void {
    const running = write();
    if (this.defects.has('unhandled-p2025')) {
      // The bug the fix removed: nobody handles the rejection.
      void running.then(() => undefined);
      return;
    }
    running.catch((error: unknown) => {
      if (isRecordNotFound(error))
        logger.warn(
          { event: 'record.skip', operation, ...context, code: 'P2025' },
          `${operation} skipped: record not found`,
        );
      else
        logger.error(
          { event: 'record.background-failure', operation, ...context, err: error },
          `${operation} failed in the background`,
        );
    });
  }
}
