/** A minimal cookie jar for driving sign-in flows with fetch (name=value only; attributes kept for asserts). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines seen, latest last. */
  readonly seen: string[] = [];

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      this.seen.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The last Set-Cookie line for `name`. */
  lastSetCookie(name: string): string | undefined {
    return this.seen.filter((line) => line.startsWith(`${name}=`)).at(-1);
  }
}
