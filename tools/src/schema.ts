import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";
import { accessMatrix } from "./access-matrix";
import { ROOT, loadSubgraphs } from "./subgraphs";

/**
 * `npm run schema`: prints each subgraph's SDL to schema/subgraphs/<name>.graphql, composes
 * them into schema/supergraph.graphql, and writes docs/access-matrix.md from the composed graph
 * and the access policy. Composition errors fail the command with every message.
 */
export async function generateSchema(): Promise<{ supergraph: string; files: string[] }> {
  const dir = path.join(ROOT, "schema", "subgraphs");
  fs.mkdirSync(dir, { recursive: true });
  const services = [];
  const files: string[] = [];
  for (const subgraph of loadSubgraphs()) {
    const { sdl } = await subgraph.buildSchema();
    const file = path.join(dir, `${subgraph.name}.graphql`);
    fs.writeFileSync(file, sdl);
    files.push(file);
    services.push({
      name: subgraph.name,
      typeDefs: parse(sdl),
      url: `http://127.0.0.1:${subgraph.defaultPort}/graphql`,
    });
  }
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`Composition failed:\n${(result.errors ?? []).map((e) => `  - ${e.message}`).join("\n")}`);
  }
  const supergraph = `${result.supergraphSdl.trim()}\n`;
  const supergraphFile = path.join(ROOT, "schema", "supergraph.graphql");
  fs.writeFileSync(supergraphFile, supergraph);
  files.push(supergraphFile);
  const matrixFile = path.join(ROOT, "docs", "access-matrix.md");
  fs.mkdirSync(path.dirname(matrixFile), { recursive: true });
  fs.writeFileSync(matrixFile, accessMatrix(supergraph));
  files.push(matrixFile);
  return { supergraph, files };
}

if (require.main === module) {
  generateSchema().then(
    ({ files }) => {
      for (const file of files) process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
