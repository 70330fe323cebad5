import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordingProxy {
  url: string;
  /** The headers of every request that passed through, oldest first. */
  seen: http.IncomingHttpHeaders[];
  /** The bodies of those requests (the operations the gateway sent). */
  bodies: string[];
  stop(): Promise<void>;
}

/**
 * Sits between the gateway and a subgraph, forwards every request unchanged and remembers its
 * headers, so a test can see exactly what the gateway sends to a subgraph. With `delayMs`, every
 * POST (an operation) is held that long first: a slow subgraph, for requests that stay in flight.
 */
export async function startRecordingProxy(
  targetUrl: string,
  options: { delayMs?: number } = {},
): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const seen: http.IncomingHttpHeaders[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ ...req.headers });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      bodies.push(body.toString("utf8"));
      const forward = () => {
        const upstream = http.request(
          { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => {
          res.statusCode = 502;
          res.end();
        });
        upstream.end(body);
      };
      if (options.delayMs && req.method === "POST") setTimeout(forward, options.delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    seen,
    bodies,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
