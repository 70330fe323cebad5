import {
  DEFAULT_AUDIENCE,
  DEFAULT_DEV_KEYS_FILE,
  DEV_ISSUER,
  loadOrCreateDevKeys,
  MAX_TOKEN_LIFETIME_SECONDS,
  parseTtl,
  signToken,
} from "@kgraph/platform";
import { ROLES, isRole } from "@kgraph/policy";

const USAGE = `usage: npm run token -- --role <role> [--sub <id>] [--facility <id>] [--org <id>] [--official <id>] [--ttl 1h]
roles: ${ROLES.join(", ")}
Prints a token signed by the development issuer (keys in .data/auth/, created on first use).`;

/** `npm run token`: a development token for a role, to paste into GraphiQL or curl. */
async function main(argv: string[]): Promise<number> {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!["--role", "--sub", "--facility", "--org", "--official", "--ttl"].includes(flag) || value === undefined) {
      process.stderr.write(`${flag === "--help" ? "" : `unexpected argument ${flag}\n`}${USAGE}\n`);
      return flag === "--help" ? 0 : 2;
    }
    values[flag.slice(2)] = value;
  }
  const roles = (values.role ?? "").split(",").filter(Boolean);
  if (!roles.length || !roles.every(isRole)) {
    process.stderr.write(`--role must name one or more of: ${ROLES.join(", ")} (comma-separated)\n${USAGE}\n`);
    return 2;
  }
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(values.ttl ?? "1h");
    const max = Number(process.env.AUTH_MAX_TOKEN_LIFETIME_SECONDS ?? MAX_TOKEN_LIFETIME_SECONDS);
    if (ttlSeconds > max) {
      throw new Error(
        `--ttl is at most ${max / 3600}h: the services refuse tokens valid for longer (AUTH_MAX_TOKEN_LIFETIME_SECONDS).`,
      );
    }
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const keys = await loadOrCreateDevKeys(process.env.AUTH_DEV_KEYS ?? DEFAULT_DEV_KEYS_FILE);
  const token = await signToken(
    keys.issuer.privateJwk,
    {
      sub: values.sub ?? `dev-${roles.join("-")}`,
      roles,
      ...(values.facility ? { facility_id: values.facility } : {}),
      ...(values.org ? { org_id: values.org } : {}),
      ...(values.official ? { official_id: values.official } : {}),
    },
    { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds },
  );
  process.stdout.write(`${token}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
