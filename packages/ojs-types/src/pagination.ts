import { z } from 'zod';

/**
 * Pagination block of list responses. Data-plane lists (HB §17) send `{total, has_more, next_cursor, limit,
 * offset}`; admin lists (admin §4) send `{total, page, per_page}`. Both read with one tolerant schema.
 */
export const paginationSchema = z.looseObject({
  total: z.number().int().optional(),
  has_more: z.boolean().optional(),
  next_cursor: z.string().nullish(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  page: z.number().int().optional(),
  per_page: z.number().int().optional(),
  total_pages: z.number().int().optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;

/** Data-plane list query (HB §17): `limit` default 50, max 200; opaque `cursor` or legacy `offset`. */
export const listQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  cursor: z.string().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
