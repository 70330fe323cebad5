import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  type BreakingChange,
  type DangerousChange,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type GraphQLSchema,
  Kind,
  buildSchema,
  parse,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
} from "graphql";
import { compose } from "./schema";
import { ROOT } from "./subgraphs";

/**
 * `npm run schema:check`: what a reviewer wants to know before a schema change merges.
 * Fails on a composition error; on a breaking change against the API schema committed on the
 * base branch (main), unless it is accepted in schema/accepted-changes.json; on a type, field,
 * argument or enum value without a description; on a deprecation without a reason. Lists
 * dangerous-but-safe changes without failing.
 */
export interface AcceptedChange {
  /** The change exactly as the report words it. */
  change: string;
  reason: string;
  acceptedBy: string;
}

export interface SchemaReport {
  breaking: string[];
  accepted: string[];
  dangerous: string[];
  undescribed: string[];
  deprecatedWithoutReason: string[];
  ok: boolean;
}

const DEFAULT_DEPRECATION = "No longer supported";

export function checkSchemaChange(input: { base?: string; next: string; accepted?: AcceptedChange[] }): SchemaReport {
  const next = buildSchema(input.next);
  const acceptedSet = new Set((input.accepted ?? []).map((a) => a.change));
  let breaking: string[] = [];
  let dangerous: string[] = [];
  if (input.base) {
    const base = buildSchema(input.base);
    // A built-in scalar no field uses any more is not a change a client can notice.
    breaking = findBreakingChanges(base, next)
      .filter((c) => !c.description.startsWith("Standard scalar"))
      .map(describe);
    dangerous = findDangerousChanges(base, next).map(describe);
  }
  const accepted = breaking.filter((c) => acceptedSet.has(c));
  breaking = breaking.filter((c) => !acceptedSet.has(c));
  const undescribed = missingDescriptions(next);
  const deprecatedWithoutReason = deprecationsWithoutReason(input.next);
  return {
    breaking,
    accepted,
    dangerous,
    undescribed,
    deprecatedWithoutReason,
    ok: !breaking.length && !undescribed.length && !deprecatedWithoutReason.length,
  };
}

function describe(change: BreakingChange | DangerousChange): string {
  return `${change.type}: ${change.description}`;
}

function missingDescriptions(schema: GraphQLSchema): string[] {
  const roots = new Set([
    schema.getQueryType()?.name,
    schema.getMutationType()?.name,
    schema.getSubscriptionType()?.name,
  ]);
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description && !roots.has(type.name)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) {
          if (!arg.description) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!value.description) missing.push(`enum value ${type.name}.${value.name}`);
    }
  }
  return missing;
}

/** Deprecations read from the SDL itself: graphql-js fills in a default reason when none is given. */
function deprecationsWithoutReason(sdl: string): string[] {
  const found: string[] = [];
  for (const def of parse(sdl).definitions) {
    if (!("name" in def) || !def.name) continue;
    const members = [
      ...("fields" in def && def.fields ? def.fields : []),
      ...("values" in def && def.values ? def.values : []),
    ] as readonly (FieldDefinitionNode | EnumValueDefinitionNode | InputValueDefinitionNode)[];
    for (const member of members) {
      const deprecated = member.directives?.find((d) => d.name.value === "deprecated");
      if (!deprecated) continue;
      const reason = deprecated.arguments?.find((a) => a.name.value === "reason")?.value;
      const text = reason?.kind === Kind.STRING ? reason.value.trim() : "";
      if (!text || text === DEFAULT_DEPRECATION) found.push(`${def.name.value}.${member.name.value}`);
    }
  }
  return found;
}

export function formatReport(report: SchemaReport, baseLabel: string | undefined): string {
  const lines: string[] = [];
  const section = (title: string, items: string[], verdict: string) => {
    lines.push(`${title}: ${items.length ? `${items.length} ${verdict}` : "none"}`);
    for (const item of items) lines.push(`  - ${item}`);
  };
  lines.push(
    baseLabel ? `Compared with the API schema on ${baseLabel}.` : "No base schema to compare with (first check).",
  );
  section("Breaking changes", report.breaking, "— FAIL (accept one in schema/accepted-changes.json with a reason)");
  section("Accepted breaking changes", report.accepted, "(accepted in schema/accepted-changes.json)");
  section("Dangerous changes", report.dangerous, "(listed, not failed: check clients that rely on them)");
  section("Missing descriptions", report.undescribed, "— FAIL");
  section("Deprecated without a reason", report.deprecatedWithoutReason, "— FAIL");
  lines.push(report.ok ? "schema:check passed" : "schema:check FAILED");
  return lines.join("\n");
}

function baseApiSchema(ref: string): string | undefined {
  try {
    return execFileSync("git", ["show", `${ref}:schema/api.graphql`], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const composition = await compose();
  if (composition.errors.length || !composition.api) {
    process.stderr.write(
      `Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join("\n")}\nschema:check FAILED\n`,
    );
    return 1;
  }
  const ref = process.env.SCHEMA_CHECK_BASE ?? "main";
  const base = baseApiSchema(ref);
  const acceptedFile = path.join(ROOT, "schema", "accepted-changes.json");
  const accepted = fs.existsSync(acceptedFile)
    ? (JSON.parse(fs.readFileSync(acceptedFile, "utf8")) as AcceptedChange[])
    : [];
  const report = checkSchemaChange({ base, next: composition.api, accepted });
  process.stdout.write(`${formatReport(report, base ? ref : undefined)}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`schema:check: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
