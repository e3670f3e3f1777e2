/**
 * Formats a JSON value the way Go's `fmt.Sprintf("%v", v)` prints a value decoded by encoding/json
 * (numbers are float64). The conformance cases compare through this formatting in `contains:X`,
 * `not_contains:X` and JSONPath filters, so `42` matches "42" and `true` matches "true".
 *
 * Objects and arrays print as JSON here (Go would print `map[k:v]` / `[a b]`); no case relies on that.
 */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** Go `%v` of a float64: shortest representation, exponent form when exp < -4 or exp >= 21. */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mantissa = '', e = '0'] = n.toExponential().split('e');
    const expNum = Number(e);
    const sign = expNum < 0 ? '-' : '+';
    const digits = String(Math.abs(expNum)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(n);
}
