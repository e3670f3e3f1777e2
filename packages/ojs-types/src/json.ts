import { z } from 'zod';

/** Any JSON-native value (JF §3: args and meta hold only JSON-native types). */
export const jsonValueSchema = z.json();
export type JsonValue = z.infer<typeof jsonValueSchema>;

/** A JSON object: string keys, JSON-native values. */
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);
export type JsonObject = z.infer<typeof jsonObjectSchema>;
