import fs from "node:fs";

/**
 * Reads the committed supergraph and points each subgraph at the URL this deployment uses
 * (the committed file names 127.0.0.1 ports; docker-compose names its own hosts).
 */
export function loadSupergraph(file: string, urls: Record<string, string>): string {
  let sdl = readSupergraph(file);
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`The supergraph has no subgraph named "${name}".`);
    sdl = sdl.replace(pattern, `$1${url}$2`);
  }
  return sdl;
}

/** The subgraphs a supergraph joins, with the URLs composed into it (`@join__graph(name, url)`). */
export function supergraphSubgraphs(file: string): { name: string; url: string }[] {
  const sdl = readSupergraph(file);
  return [...sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].map(([, name, url]) => ({ name, url }));
}

function readSupergraph(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`No supergraph at ${file}. Run \`npm run schema\` to compose it.`);
  }
  return fs.readFileSync(file, "utf8");
}
