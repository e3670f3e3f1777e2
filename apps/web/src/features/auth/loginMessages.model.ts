import { ApiError } from '../../api/ApiError';

/** A wait in seconds as words: "45 seconds", "1 minute", "15 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60)
    return `${Math.max(1, Math.round(seconds))} second${Math.round(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** What the password form says when sign-in fails. */
export function loginErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.code === 'invalid_credentials') return 'Wrong user name or password.';
    if (error.status === 429 || error.code === 'rate_limited') {
      return error.retryAfterSeconds !== undefined
        ? `Too many failed sign-ins. Try again in ${waitText(error.retryAfterSeconds)}.`
        : 'Too many failed sign-ins. Try again later.';
    }
    if (error.code === 'network_error') return "Lookout's server could not be reached. Try again.";
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

const REDIRECT_ERRORS: Record<string, string> = {
  no_role: 'Your account has no Lookout role. Ask an administrator to grant you one.',
  forbidden: 'Your account has no Lookout role. Ask an administrator to grant you one.',
  access_denied: 'The sign-in was cancelled or refused at the identity provider.',
  state_mismatch: 'The sign-in took too long or came from another tab. Please sign in again.',
  invalid_state: 'The sign-in took too long or came from another tab. Please sign in again.',
  expired: 'The sign-in took too long. Please sign in again.',
};

/** What the sign-in page says for `/login?error=<code>` (a failed redirect sign-in). */
export function redirectErrorText(code: string): string {
  return REDIRECT_ERRORS[code] ?? `Sign-in failed (${code}). Please try again.`;
}
