import "reflect-metadata";
import { type ResolvedDatabase, subgraphEnvPrefix } from "@kgraph/platform";
import { type ServiceProcess, finishSeed, preparePlatform, startSubgraphs, stopChild, startGateway } from "./platform";
import { noteRunningDatabase } from "./runtime";
import { SUBGRAPHS, SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm start`: the whole platform on one machine. Embedded PostgreSQL (data in .data/, kept
 * across restarts) unless DATABASE_URL is set; migrations; the default seed on first run; the
 * subgraphs of subgraphs/registry.json and the gateway as child processes. Ctrl-C or SIGTERM stops
 * all of them and the database, in that order. Each service's port is <NAME>_PORT, else the
 * registry's (the gateway: GATEWAY_PORT, else 4000); a subgraph is told its own as HOST and PORT.
 */
const DEFAULT_PORTS: Record<string, number> = {
  gateway: 4000,
  ...Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [name, port])),
};

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function main(): Promise<void> {
  const children: ServiceProcess[] = [];
  let stopping = false;
  let database: ResolvedDatabase | undefined;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await Promise.all(children.map(({ child }) => stopChild(child)));
    if (database?.embedded) {
      noteRunningDatabase(undefined);
      await database.embedded.stop();
      say("database stopped");
    }
    process.exit(code);
  };
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  // `npm start` runs us under npm and a shell; when a supervisor signals npm, the shell may die
  // without passing the signal on. A changed parent means whoever started us is gone: stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stopAll(0);
  }, 500).unref();

  try {
    const platform = await preparePlatform({
      say,
      shareRunning: false,
      opened: (opened) => {
        database = opened;
        if (opened.embedded) noteRunningDatabase(opened.url);
      },
    });
    const port = (name: string) => Number(process.env[`${subgraphEnvPrefix(name)}_PORT`] ?? DEFAULT_PORTS[name]);
    const urls = await startSubgraphs(
      platform,
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, port(name)])),
      children,
      // Where a subgraph reads what the others publish (the oversight subgraph's assessments).
      () => ({ GRAPH_URL: process.env.GRAPH_URL ?? `http://127.0.0.1:${port("gateway")}/graphql` }),
    );
    await startGateway(platform, urls, children, { port: port("gateway") });
    try {
      await finishSeed(platform, `http://127.0.0.1:${port("gateway")}/graphql`, say);
    } catch (err) {
      // The data is there and the platform runs: what was not published waits in consultation.
      say(`warning: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const { name, child } of children) {
      child.once("exit", (code, signal) => {
        if (stopping) return;
        say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
        void stopAll(1);
      });
    }
    say("ready:");
    say(`  GraphQL + GraphiQL  http://localhost:${port("gateway")}/graphql`);
    say(
      `  health / readiness  http://localhost:${port("gateway")}/healthz  http://localhost:${port("gateway")}/readyz`,
    );
    for (const name of SUBGRAPH_NAMES) say(`  ${name.padEnd(18)}  http://127.0.0.1:${port(name)}/graphql (internal)`);
    say(
      `  metrics (Prometheus) http://127.0.0.1:${process.env.METRICS_PORT ?? 9464}/metrics (gateway); each subgraph on its port + 1000`,
    );
    say("press Ctrl-C to stop");
  } catch (err) {
    process.stderr.write(`[start] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll(1);
  }
}

void main();
