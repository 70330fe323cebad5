import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../logger";

export interface MetricsListener {
  /** Where Prometheus scrapes: `http://host:port/metrics`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * `/metrics` in Prometheus's text format on a listener of its own, never the public port: the
 * numbers (operation names, error rates, pool use) are for the operators' Prometheus on the
 * internal network, not for callers. Loopback unless METRICS_HOST says otherwise.
 */
export async function startMetricsListener(options: {
  registry: Registry;
  host?: string;
  port: number;
  logger: Logger;
}): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "/").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    options.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": options.registry.contentType }).end(text),
      (err: unknown) => {
        options.logger.error({ err }, "collecting metrics failed");
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("metrics unavailable\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}/metrics`;
  options.logger.info({ url }, "metrics listening");
  return {
    url,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
