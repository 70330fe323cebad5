import net from "node:net";
import pino from "pino";
import { RateLimiterRes } from "rate-limiter-flexible";
import { cachedReadiness, type ReadinessReport } from "../src/health";
import { addressBucket, clientAddress, createRateLimiter, trustedProxies } from "../src/limits";

const logger = pino({ level: "silent" });

describe("in-memory rate limiter", () => {
  afterEach(() => jest.useRealTimers());

  it("holds only the callers of the current window: expired keys are dropped", async () => {
    jest.useFakeTimers();
    const { limiter } = createRateLimiter({ requestsPerMinute: 5, keyPrefix: "t", logger });
    // The library's one store (a Map with a timer per key); no public count exists.
    const store = (limiter as unknown as { _memoryStorage: { _storage: Map<string, unknown> } })._memoryStorage
      ._storage;
    for (let i = 0; i < 20_000; i++) await limiter.consume(`addr:10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(store.size).toBe(20_000);
    jest.advanceTimersByTime(59_000);
    await limiter.consume("addr:192.0.2.1");
    expect(store.size).toBe(20_001);
    jest.advanceTimersByTime(1_000);
    expect(store.size).toBe(1);
    jest.advanceTimersByTime(59_000);
    expect(store.size).toBe(0);
  });

  it("refuses past the points of a caller, with the time left in the window", async () => {
    const { limiter } = createRateLimiter({ requestsPerMinute: 3, keyPrefix: "t", logger });
    await limiter.consume("a", 3);
    const refusal = await limiter.consume("a").catch((r: unknown) => r);
    expect(refusal).toBeInstanceOf(RateLimiterRes);
    expect((refusal as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
    await expect(limiter.consume("b")).resolves.toBeInstanceOf(RateLimiterRes);
  });

  it("keeps limiting in memory when Redis is unreachable (the insurance limiter)", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await expectInsuranceLimit(`redis://127.0.0.1:${closedPort}`);
  });
  it("does not wait on a Redis that accepts connections but never answers", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await expectInsuranceLimit(`redis://127.0.0.1:${port}`);
    } finally {
      silent.close();
    }
  });
});

describe("client address", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);
  const none = trustedProxies([]);
  const local = trustedProxies(["127.0.0.1", "10.0.0.0/8"]);

  it.each([
    ["an untrusted peer's forwarded header is ignored", "198.51.100.9", "198.51.100.9"],
    ["no proxy is trusted by default, loopback neither", "127.0.0.1", "127.0.0.1"],
    ["an IPv4-mapped peer is its IPv4 address", "::ffff:198.51.100.9", "198.51.100.9"],
  ])("%s", (_name, peer, expected) => {
    expect(clientAddress(peer, headers({ "x-forwarded-for": "203.0.113.1" }), none, "x-forwarded-for")).toBe(expected);
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    // The client wrote the first two entries; the proxies appended the rest.
    const xff = "1.1.1.1, 203.0.113.7, 10.1.2.3";
    expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": xff }), local, "x-forwarded-for")).toBe(
      "203.0.113.7",
    );
    expect(clientAddress("::ffff:127.0.0.1", headers({ "x-forwarded-for": xff }), local, "x-forwarded-for")).toBe(
      "203.0.113.7",
    );
  });

  it("reads only the configured header", () => {
    const given = headers({ "x-forwarded-for": "1.1.1.1", "x-real-ip": "203.0.113.7" });
    expect(clientAddress("127.0.0.1", given, local, "x-real-ip")).toBe("203.0.113.7");
    expect(clientAddress("127.0.0.1", given, local, "forwarded")).toBe("127.0.0.1");
  });

  it("parses RFC 7239 Forwarded, ports and brackets included", () => {
    const forwarded = 'for=1.1.1.1, for="[2001:DB8::17]:4711";proto=https, for=10.0.0.2:8080';
    expect(clientAddress("127.0.0.1", headers({ forwarded }), local, "forwarded")).toBe("2001:db8::17");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range", () => {
    expect(() => trustedProxies(["10.0.0.0/8", "proxy.internal"])).toThrow(
      'TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range',
    );
  });
});

describe("address bucket", () => {
  it.each([
    ["198.51.100.9", "198.51.100.9"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::198.51.100.9", "64:ff9b:0:0::/64"],
    ["not-an-address", "not-an-address"],
  ])("%s → %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});

describe("cached readiness", () => {
  const ready: ReadinessReport = { status: "ready", subgraphs: { cases: "ready" }, database: "ready" };

  it("runs one check at a time and reuses its report for the interval", async () => {
    let clock = 0;
    let checks = 0;
    let finish: () => void = () => {};
    const check = () =>
      new Promise<ReadinessReport>((resolve) => {
        checks += 1;
        finish = () => resolve(ready);
      });
    const readiness = cachedReadiness(check, 2000, () => clock);
    const flood = Array.from({ length: 100 }, () => readiness());
    expect(checks).toBe(1);
    finish();
    await expect(Promise.all(flood)).resolves.toEqual(Array(100).fill(ready));
    clock = 1999;
    await readiness();
    expect(checks).toBe(1);
    clock = 2000;
    const next = readiness();
    expect(checks).toBe(2);
    finish();
    await expect(next).resolves.toEqual(ready);
  });
});

/** With this Redis out of reach, a limit of 2 a minute still refuses the third request (in memory). */
async function expectInsuranceLimit(redisUrl: string): Promise<void> {
  const rate = createRateLimiter({ requestsPerMinute: 2, keyPrefix: "t", redisUrl, logger });
  try {
    await expect(rate.limiter.consume("a")).resolves.toBeInstanceOf(RateLimiterRes);
    await expect(rate.limiter.consume("a")).resolves.toBeInstanceOf(RateLimiterRes);
    await expect(rate.limiter.consume("a")).rejects.toBeInstanceOf(RateLimiterRes);
  } finally {
    await rate.close();
  }
}
