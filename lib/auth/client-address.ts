import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the app may say who the client is, from TRUST_PROXY (as Express's "trust proxy"):
 * unset, empty or 0 trusts none, so X-Forwarded-For is ignored and the client is the connection's own peer; a
 * number N trusts the N proxies nearest the app; a comma-separated list of addresses or CIDR ranges
 * (`10.0.0.0/8, 127.0.0.1`) trusts the proxies at those addresses.
 */
export type TrustedProxies = { hops: number } | { list: BlockList };

export class TrustProxyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustProxyConfigError';
  }
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

export function parseTrustProxy(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return { hops: 0 };
  if (/^\d{1,2}$/.test(text)) return { hops: Number(text) };
  const list = new BlockList();
  for (const entry of text.split(',').map((part) => part.trim())) {
    const [address = '', prefix] = entry.split('/');
    if (!isIP(address) || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new TrustProxyConfigError(
        `TRUST_PROXY must be a number of proxies or a list of addresses/CIDR ranges, got "${entry.slice(0, 40)}"`,
      );
    }
    if (prefix === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return { list };
}

/** `::ffff:127.0.0.1` (IPv4 seen through an IPv6 socket) as `127.0.0.1`. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/**
 * The client's address: the connection's peer, or, through trusted proxies only, the address the nearest
 * untrusted hop of X-Forwarded-For names. A forged header from a client is never believed.
 */
export function clientAddressOf(peer: string | null, forwardedFor: string | null, trusted: TrustedProxies): string | null {
  if (peer === null || peer === '') return null;
  const hops = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((hop) => plain(hop.trim()))
      .filter(Boolean),
    plain(peer),
  ];
  let index = hops.length - 1;
  if ('hops' in trusted) {
    index = Math.max(0, index - trusted.hops);
  } else {
    while (index > 0 && isIP(hops[index] ?? '') && trusted.list.check(hops[index] ?? '', family(hops[index] ?? ''))) index--;
  }
  const address = hops[index] ?? null;
  return address !== null && isIP(address) ? address : null;
}
