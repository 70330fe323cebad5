import net from "node:net";

/** The header a trusted proxy writes the client's address into. */
export type ForwardedHeader = "x-forwarded-for" | "forwarded" | "x-real-ip";

/**
 * TRUSTED_PROXIES (comma-separated addresses and CIDR ranges) as a BlockList; throws on an entry
 * that is neither, so a typo fails at start instead of silently trusting nothing.
 */
export function trustedProxies(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/**
 * The caller's address: the TCP peer, unless the peer is a trusted proxy; then the right-most
 * address in the proxy's header that is not itself a trusted proxy. Everything left of it was
 * written by the client and cannot be believed. Only the one configured header is read: a proxy
 * that manages X-Real-IP passes a client's own X-Forwarded-For through untouched.
 */
export function clientAddress(
  peer: string | undefined,
  headers: { get(name: string): string | null },
  trusted: net.BlockList,
  header: ForwardedHeader,
): string {
  let address = normalize(peer ?? "");
  if (!isTrusted(address, trusted)) return address || "unknown";
  const hops = forwardedHops(headers.get(header), header);
  for (let i = hops.length - 1; i >= 0; i--) {
    address = normalize(hops[i]);
    if (!isTrusted(address, trusted)) return address;
  }
  // Every hop is a trusted proxy: the left-most one is as close to the client as we know.
  return address;
}

function forwardedHops(value: string | null, header: ForwardedHeader): string[] {
  if (!value) return [];
  if (header === "x-real-ip") return [value.trim()];
  const elements = value.split(",").map((element) => element.trim());
  if (header === "x-forwarded-for") return elements;
  // RFC 7239: `for=192.0.2.60;proto=http, for="[2001:db8::17]:4711"`.
  return elements.map((element) => {
    const pair = element
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.toLowerCase().startsWith("for="));
    return pair ? pair.slice(4).replace(/^"|"$/g, "") : "";
  });
}

/** `[2001:db8::1]:80` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`, `::ffff:192.0.2.1` → `192.0.2.1`. */
function normalize(address: string): string {
  let value = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:([\d.]+)$/i.exec(value);
  if (mapped && net.isIPv4(mapped[1])) value = mapped[1];
  return value.toLowerCase();
}

function isTrusted(address: string, trusted: net.BlockList): boolean {
  const family = net.isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The rate-limit bucket of an address: an IPv4 address itself, an IPv6 address its /64, because
 * a client is usually handed a whole /64 and would otherwise get a fresh allowance per address.
 */
export function addressBucket(address: string): string {
  if (!net.isIPv6(address)) return address;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  // A dotted IPv4 tail fills two groups.
  const width = (parts: string[]) => parts.reduce((n, part) => n + (part.includes(".") ? 2 : 1), 0);
  const [head, tail] = address.split("::");
  const full = address.includes("::")
    ? [...groups(head), ...Array(8 - width(groups(head)) - width(groups(tail))).fill("0"), ...groups(tail)]
    : groups(head);
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
