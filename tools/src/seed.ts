import "reflect-metadata";
import type { ResolvedDatabase } from "@kgraph/platform";
import {
  AlreadySeededError,
  type ServiceProcess,
  finishSeed,
  freePort,
  preparePlatform,
  startSubgraphs,
  stopChild,
  startGateway,
} from "./platform";
import { DEFAULT_CASES } from "./seed/world";
import { SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm run seed -- [--cases N] [--reset]`: fills the platform's database with a synthetic,
 * deterministic programme. Refuses to add to a seeded database unless --reset is given. Its last
 * step runs the platform for a moment, on free ports, so that the Ombudsperson's earlier impact
 * assessments are published through the graph (seed/publish.ts).
 */
async function main(argv: string[]): Promise<number> {
  let cases = DEFAULT_CASES;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--reset") reset = true;
    else if (arg === "--cases") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
        process.stderr.write(`--cases needs a whole number from 1 to 1000000; got ${argv[i] ?? "nothing"}\n`);
        return 2;
      }
      cases = value;
    } else {
      process.stderr.write(`unknown argument ${arg}\nusage: npm run seed -- [--cases N] [--reset]\n`);
      return 2;
    }
  }
  const say = (line: string) => process.stdout.write(`[seed] ${line}\n`);
  const children: ServiceProcess[] = [];
  let database: ResolvedDatabase | undefined;
  try {
    const platform = await preparePlatform({
      say,
      // While `npm start` runs, its database is the one to seed.
      shareRunning: true,
      opened: (opened) => {
        database = opened;
      },
      reseed: { cases, refuseSeeded: !reset },
    });
    if (platform.seeded?.assessmentsToPublish.length) {
      const quiet = { METRICS_PORT: "0", LOG_LEVEL: process.env.LOG_LEVEL ?? "error" };
      const ports = Object.fromEntries(
        await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const)),
      );
      const gatewayPort = await freePort();
      say("starting the platform on free ports for the last step…");
      const urls = await startSubgraphs(platform, ports, children, () => ({
        ...quiet,
        GRAPH_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
      }));
      await startGateway(platform, urls, children, {
        port: gatewayPort,
        env: { ...quiet, GATEWAY_HOST: "127.0.0.1" },
      });
      await finishSeed(platform, `http://127.0.0.1:${gatewayPort}/graphql`, say);
    }
    return 0;
  } catch (err) {
    if (err instanceof AlreadySeededError) {
      process.stderr.write("[seed] the database already holds a programme; add --reset to replace it\n");
      return 1;
    }
    throw err;
  } finally {
    await Promise.all(children.map(({ child }) => stopChild(child)));
    await database?.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[seed] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
