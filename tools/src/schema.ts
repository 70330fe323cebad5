import "reflect-metadata";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";
import { accessMatrix } from "./access-matrix";
import { limitsSection, withLimitsSection } from "./limits-doc";
import { operationsDoc } from "./operations-doc";
import { writeDeployFiles } from "./deploy-files";
import { ROOT, SUBGRAPHS, loadSubgraphs } from "./subgraphs";

/**
 * `npm run schema`: prints each subgraph's SDL to schema/subgraphs/<name>.graphql, composes
 * them into schema/supergraph.graphql (and its client-facing API schema, schema/api.graphql),
 * and writes docs/access-matrix.md from the composed graph and the access policy, and the limits
 * section of docs/integrators.md (every document's estimated cost), and (first) the deployment
 * files that list every subgraph (deploy-files.ts). Composition errors fail the command with every
 * message.
 */
export interface Composition {
  subgraphs: { name: string; sdl: string; dataClasses?: Record<string, string> }[];
  supergraph?: string;
  api?: string;
  errors: string[];
}

/** Prints each subgraph's SDL and composes them, without writing anything. */
export async function compose(): Promise<Composition> {
  const subgraphs = [];
  for (const subgraph of loadSubgraphs()) {
    const { sdl, dataClasses } = await subgraph.buildSchema();
    subgraphs.push({
      name: subgraph.name,
      sdl,
      dataClasses,
      url: `http://127.0.0.1:${subgraph.port}/graphql`,
    });
  }
  return composeSdl(subgraphs);
}

/** Composes subgraph SDL into the supergraph and its API schema, or lists every composition error. */
export function composeSdl(
  subgraphs: { name: string; sdl: string; url: string; dataClasses?: Record<string, string> }[],
): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors?.length || !result.supergraphSdl) {
    return { subgraphs, errors: (result.errors ?? []).map((e) => e.message) };
  }
  return {
    subgraphs,
    supergraph: `${result.supergraphSdl.trim()}\n`,
    api: `${(result.publicSdl ?? "").trim()}\n`,
    errors: [],
  };
}

export async function generateSchema(): Promise<{ supergraph: string; files: string[] }> {
  const composition = await compose();
  const dir = path.join(ROOT, "schema", "subgraphs");
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const { name, sdl } of composition.subgraphs) {
    const file = path.join(dir, `${name}.graphql`);
    fs.writeFileSync(file, sdl);
    files.push(file);
  }
  if (composition.errors.length || !composition.supergraph || !composition.api) {
    throw new Error(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join("\n")}`);
  }
  const supergraphFile = path.join(ROOT, "schema", "supergraph.graphql");
  fs.writeFileSync(supergraphFile, composition.supergraph);
  files.push(supergraphFile);
  // The API schema clients see (no federation machinery): codegen and schema checks read it.
  const apiFile = path.join(ROOT, "schema", "api.graphql");
  fs.writeFileSync(apiFile, composition.api);
  files.push(apiFile);
  const matrixFile = path.join(ROOT, "docs", "access-matrix.md");
  fs.mkdirSync(path.dirname(matrixFile), { recursive: true });
  const dataClasses = Object.assign({}, ...composition.subgraphs.map((s) => s.dataClasses ?? {})) as Record<
    string,
    string
  >;
  fs.writeFileSync(matrixFile, accessMatrix(composition.supergraph, dataClasses));
  files.push(matrixFile);
  return { supergraph: composition.supergraph, files };
}

/**
 * graphql-codegen: the typed client and the trusted-documents manifest, from schema/api.graphql
 * and documents/ (codegen.yml). Its caches go under .cache/, so runs leave nothing elsewhere.
 */
export function runCodegen(): string[] {
  const bin = path.join(ROOT, "node_modules", ".bin", "graphql-codegen");
  const run = spawnSync(bin, ["--config", path.join(ROOT, "codegen.yml"), "--silent"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, JITI_CACHE: path.join(ROOT, ".cache", "jiti"), NODE_OPTIONS: "" },
  });
  if (run.status !== 0) throw new Error(`graphql-codegen failed:\n${run.stdout}${run.stderr}`);
  const dir = path.join(ROOT, "packages", "client", "src", "generated");
  return fs.readdirSync(dir).map((f) => path.join(dir, f));
}

/**
 * docker-compose.yml, the Dockerfile and tsconfig.json from subgraphs/registry.json. A subgraph new
 * to tsconfig.json was not compiled by the `tsc -b` before this command: compile again, so that
 * its schema can be printed.
 */
async function generateDeployFiles(): Promise<string[]> {
  const changed = await writeDeployFiles(ROOT, SUBGRAPHS);
  if (changed.includes(path.join(ROOT, "tsconfig.json"))) {
    const run = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`tsc -b failed after tsconfig.json changed:\n${run.stdout}${run.stderr}`);
  }
  return changed;
}

if (require.main === module) {
  let deployed: string[] = [];
  generateDeployFiles()
    .then((changed) => {
      deployed = changed;
      return generateSchema();
    })
    .then((generated) => {
      const codegen = runCodegen();
      // The operations page needs the manifest codegen just wrote.
      const composition = {
        supergraph: generated.supergraph,
        api: fs.readFileSync(path.join(ROOT, "schema", "api.graphql"), "utf8"),
      };
      const operationsFile = path.join(ROOT, "docs", "operations.md");
      fs.writeFileSync(operationsFile, operationsDoc(ROOT, composition.supergraph, composition.api));
      // The limits and every document's estimated cost, in the integrators' guide.
      const integratorsFile = path.join(ROOT, "docs", "integrators.md");
      const integrators = fs.readFileSync(integratorsFile, "utf8");
      fs.writeFileSync(integratorsFile, withLimitsSection(integrators, limitsSection(ROOT, composition.supergraph)));
      return { files: [...deployed, ...generated.files, ...codegen, operationsFile, integratorsFile] };
    })
    .then(
      ({ files }) => {
        for (const file of files) process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
      },
      (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
}
