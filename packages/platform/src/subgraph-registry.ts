import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one list of the platform's subgraphs: `subgraphs/registry.json`, one line per subgraph
 * (name and default port). `npm start`, the schema, migration and seed tools, the end-to-end
 * tests and the generator of docker-compose.yml, the Dockerfile and tsconfig.json read it; a
 * subgraph process reads it only for its default port. The gateway does not: it serves the
 * committed supergraph, whose subgraphs and URLs were composed from this list.
 *
 * JSON rather than a TypeScript module: it is data, read before anything is compiled (the
 * generator writes tsconfig.json's references from it) and by processes that must not load
 * subgraph code; and it is not a platform module, which knows no domain.
 */
export interface RegisteredSubgraph {
  /** Its folder (subgraphs/<name>), Postgres schema, service name and the prefix of its <NAME>_* variables. */
  name: string;
  /** Its GraphQL port unless PORT (or, under `npm start`, <NAME>_PORT) says otherwise; metrics on port + 1000. */
  port: number;
}

export const SUBGRAPH_REGISTRY_FILE = path.resolve(__dirname, "..", "..", "..", "subgraphs", "registry.json");

const registrySchema = z
  .object({
    subgraphs: z
      .array(
        z.object({
          // A Postgres schema, a role suffix (kgraph_<name>) and an environment prefix: plain words.
          name: z.string().regex(/^[a-z][a-z0-9]*$/, "must be lower-case letters and digits, starting with a letter"),
          port: z.number().int().min(1).max(64535),
        }),
      )
      .min(1),
  })
  .superRefine(({ subgraphs }, ctx) => {
    const seen = new Map<number, string>();
    for (const [i, { name, port }] of subgraphs.entries()) {
      if (subgraphs.findIndex((s) => s.name === name) !== i) {
        ctx.addIssue({ code: "custom", path: ["subgraphs", i, "name"], message: `"${name}" is listed twice` });
      }
      // A port taken by another subgraph's GraphQL or metrics listener (port + 1000): the first clash.
      const clash = ([port, port + 1000] as const).find((taken) => seen.has(taken));
      if (clash !== undefined) {
        const what = clash === port ? "port" : "metrics port";
        ctx.addIssue({
          code: "custom",
          path: ["subgraphs", i, "port"],
          message: `${what} ${clash} is already ${seen.get(clash)}`,
        });
      }
      seen.set(port, `${name}'s port`);
      seen.set(port + 1000, `${name}'s metrics port`);
    }
  });

/** Every registered subgraph, in the registry's order (the order they start and compose in). */
export function subgraphRegistry(file: string = SUBGRAPH_REGISTRY_FILE): RegisteredSubgraph[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read the subgraph registry ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = registrySchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid subgraph registry ${file}:\n${lines.join("\n")}`);
  }
  return result.data.subgraphs;
}

/** One registered subgraph by name; an unknown name names the ones there are. */
export function registeredSubgraph(name: string, file?: string): RegisteredSubgraph {
  const registry = subgraphRegistry(file);
  const found = registry.find((subgraph) => subgraph.name === name);
  if (!found) {
    throw new Error(
      `Unknown subgraph "${name}"; subgraphs/registry.json lists ${registry.map((s) => s.name).join(", ")}.`,
    );
  }
  return found;
}

/** The prefix of a subgraph's own variables: CASES_PORT, CASES_URL, CASES_DATABASE_URL, … */
export function subgraphEnvPrefix(name: string): string {
  return name.toUpperCase();
}
