// zod validation of params, query and body at the edge; handlers receive typed, parsed values in
// res.locals. A malformed request is a 400 that names each bad field.
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../lib/errors.ts';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export type Validated<S extends RequestSchemas> = {
  params: S['params'] extends z.ZodType ? z.infer<S['params']> : Record<string, never>;
  query: S['query'] extends z.ZodType ? z.infer<S['query']> : Record<string, never>;
  body: S['body'] extends z.ZodType ? z.infer<S['body']> : undefined;
};

export function validate<S extends RequestSchemas>(schemas: S) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problems: { location: string; path: string; message: string }[] = [];
    const parsed: Record<string, unknown> = { params: {}, query: {}, body: undefined };
    for (const location of ['params', 'query', 'body'] as const) {
      const schema = schemas[location];
      if (schema === undefined) continue;
      const input: unknown = location === 'body' ? ((req.body as unknown) ?? {}) : req[location];
      const result = schema.safeParse(input);
      if (result.success) parsed[location] = result.data;
      else
        for (const issue of result.error.issues)
          problems.push({ location, path: issue.path.join('.'), message: issue.message });
    }
    if (problems.length > 0) {
      next(
        new ValidationError(
          `invalid request: ${problems.map((p) => `${p.location}${p.path ? `.${p.path}` : ''} ${p.message}`).join('; ')}`,
          problems,
        ),
      );
      return;
    }
    res.locals.input = parsed;
    next();
  };
}

/** The parsed input of a validated request. */
export function input<S extends RequestSchemas>(res: Response, _schemas: S): Validated<S> {
  return res.locals.input as Validated<S>;
}
