import { z } from 'zod';

// No `new Function` fast path, and no probe for it when a schema is built: a strict Content-Security-Policy
// without 'unsafe-eval' reports the probe as a violation. Imported first by main.tsx and by wireCommon.ts,
// so that it runs before any schema is built whichever chunk the bundler puts the schemas in.
z.config({ jitless: true });
