import { BlockList, isIP } from 'node:net';

export interface IpMatcher {
  /** True when `address` (IPv4, IPv6 or IPv4-mapped IPv6) is in the list. */
  matches(address: string | null | undefined): boolean;
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as its IPv4 form. */
export function normalizeIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * Parses a comma list of IPs and CIDR blocks (`10.0.0.0/8, ::1, 192.168.1.7`). Throws with the bad entry
 * named when one does not parse.
 */
export function createIpMatcher(list: string): IpMatcher {
  const blocks = new BlockList();
  const entries = list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const entry of entries) {
    const [address = '', prefixText, ...rest] = entry.split('/');
    const ip = normalizeIp(address);
    const family = isIP(ip);
    if (family === 0 || rest.length > 0) throw new Error(`"${entry}" is not an IP address or CIDR block`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) {
      blocks.addAddress(ip, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) {
      throw new Error(`"${entry}" has a bad prefix length`);
    }
    blocks.addSubnet(ip, prefix, type);
  }
  return {
    matches(address) {
      if (!address) return false;
      const ip = normalizeIp(address);
      const family = isIP(ip);
      if (family === 0) return false;
      return blocks.check(ip, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
