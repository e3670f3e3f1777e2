import { z } from 'zod';
import { anyBody, apiSend } from '../../api/apiClient';

export const loginResponseSchema = z.object({
  user: z.object({ name: z.string(), role: z.enum(['viewer', 'operator', 'admin']) }).nullish(),
});

/** Sign-in calls. The session cookie is HttpOnly: the SPA re-reads `/api/me` after each (the CSRF token changes). */
export const authActions = {
  login: (username: string, password: string) =>
    apiSend('POST', '/api/auth/login', { username, password }, loginResponseSchema),
  logout: () => apiSend('POST', '/api/auth/logout', {}, anyBody),
};
