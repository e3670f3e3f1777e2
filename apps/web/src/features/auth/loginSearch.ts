import { z } from 'zod';

/** `/login?return_to=/jobs&error=<code>`: where to go back to, and why a redirect sign-in failed. */
export const loginSearchSchema = z.object({
  return_to: z.string().optional().catch(undefined),
  error: z.string().max(100).optional().catch(undefined),
});
