// The phone number format every route accepts (E.164: "+", country code, up to 15 digits).
import { z } from 'zod';

export const e164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number');
