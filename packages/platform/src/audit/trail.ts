import { SCOPES } from "@kgraph/policy";
import { IsOptional, Length } from "class-validator";
import {
  Arg,
  Args,
  type ClassType,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import { type RecordKind, type SqlCondition, recordKindsInSchema } from "../access/record-kind";
import { recordScope } from "../access/record-scope";
import { RequiresScopes } from "../auth/scopes";
import type { BaseContext, Viewer } from "../context";
import { type Page, PageArgs, PagedList, checkPageSize, connectionType, decodeCursor, toPage } from "../pagination";
import { AuditEvent, AuditKind } from "./audit-event.entity";

@InputType({ description: "Narrows an audit trail; every filter given must match." })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "Only events by this caller (their token's subject)." })
  @IsOptional()
  @Length(1, 200)
  actorSub?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Only events touching this record (for a person's data: the case id).",
  })
  @IsOptional()
  recordId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only events of this request: its `x-request-id` (the gateway's own id, the same in every subgraph, in the logs and on its trace).",
  })
  @IsOptional()
  @Length(1, 128)
  requestId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only events at or after this time." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only events before this time." })
  @IsOptional()
  to?: Date | null;

  @Field(() => AuditKind, { nullable: true, description: "Only reads or only writes." })
  @IsOptional()
  kind?: AuditKind | null;
}

export const AuditEventConnection = connectionType(AuditEvent, "AuditEvent", { shareable: true });

const TRAIL_ID = "audit";

export interface AuditTrailModule {
  resolvers: ClassType[];
  /** The subgraph's `AuditTrail` entity type (list it in `orphanedTypes`). */
  types: ClassType[];
  reference: { AuditTrail: { __resolveReference(reference: { id: string }): { id: string } | null } };
}

/**
 * The audit trail in the graph. `Query.auditTrail` (in one subgraph) returns one `AuditTrail`
 * entity; each subgraph adds a field named after itself that pages through its own chain, so
 * one query reads every subgraph's trail and the gateway plans it like any other entity.
 *
 * The entity class is made here, one per subgraph: type-graphql keeps field resolvers in one
 * global store, and a shared class would collect every subgraph's trail field when the schema
 * tool builds all four schemas in one process.
 */
export function auditTrailModule(subgraph: string, options: { rootQuery: boolean }): AuditTrailModule {
  @Directive('@key(fields: "id")')
  @ObjectType("AuditTrail", {
    description: "The audit trails of every subgraph; readable by auditors and the Ombudsperson.",
  })
  class AuditTrail {
    @Field(() => ID, { description: "Always `audit`: there is one trail per subgraph, all under this entity." })
    id: string;
  }

  @Resolver(() => AuditTrail)
  class AuditTrailFieldResolver {
    @RequiresScopes(SCOPES.AUDIT_READ)
    @PagedList()
    @FieldResolver(() => AuditEventConnection, {
      name: subgraph,
      description: `The ${subgraph} subgraph's audit trail, newest first.`,
    })
    events(
      @Args() page: PageArgs,
      @Arg("filter", () => AuditFilter, { nullable: true, description: "Which events; all when left out." })
      filter: AuditFilter | null,
      @Ctx() ctx: BaseContext,
    ): Promise<Page<AuditEvent>> {
      return listAuditEvents(ctx, { ...page, filter }, recordKindsInSchema(subgraph));
    }
  }

  @Resolver()
  class AuditTrailQueryResolver {
    @RequiresScopes(SCOPES.AUDIT_READ)
    @Query(() => AuditTrail, { description: "The audit trail of every subgraph (audit:read)." })
    auditTrail(): AuditTrail {
      return { id: TRAIL_ID };
    }
  }

  return {
    resolvers: options.rootQuery ? [AuditTrailFieldResolver, AuditTrailQueryResolver] : [AuditTrailFieldResolver],
    types: [AuditTrail],
    reference: {
      AuditTrail: { __resolveReference: (reference) => (reference.id === TRAIL_ID ? { id: TRAIL_ID } : null) },
    },
  };
}

export async function listAuditEvents(
  ctx: BaseContext,
  args: { first: number; after?: string | null; filter?: AuditFilter | null },
  kinds: readonly RecordKind[],
): Promise<Page<AuditEvent>> {
  const first = checkPageSize(args.first);
  const query = ctx.audit.db.getRepository(AuditEvent).createQueryBuilder("e");
  for (const condition of eventsNamingNoRecordKeptFrom(ctx.viewer, kinds, "e")) {
    query.andWhere(condition.sql, condition.params);
  }
  const filter = args.filter ?? {};
  if (filter.actorSub) query.andWhere("e.actor_sub = :actorSub", { actorSub: filter.actorSub });
  if (filter.recordId) query.andWhere(":recordId = ANY(e.record_ids)", { recordId: filter.recordId });
  if (filter.requestId) query.andWhere("e.request_id = :requestId", { requestId: filter.requestId });
  if (filter.from) query.andWhere("e.at >= :from", { from: filter.from });
  if (filter.to) query.andWhere("e.at < :to", { to: filter.to });
  if (filter.kind) query.andWhere("e.kind = :kind", { kind: filter.kind });
  if (args.after) {
    const [seq] = decodeCursor(args.after, "sequence");
    query.andWhere("e.seq < :seq", { seq });
  }
  const rows = await query
    .orderBy("e.seq", "DESC")
    .limit(first + 1)
    .getMany();
  return toPage(rows, first, "sequence", (row) => [row.seq, row.id]);
}

/** The uuids among an event's record ids (the others name no record of a kind). */
const UUIDS_NAMED = (event: string) =>
  `ARRAY(SELECT CAST(rid AS uuid) FROM unnest(${event}.record_ids) AS rid ` +
  `WHERE rid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')`;

/**
 * What the trail withholds from its reader: an event that names a record the policy keeps from
 * them. Where a reader reaches only some records of a kind (a record rule: monitoring records
 * that are disclosed, a body's own), an event naming another record of that kind is withheld
 * whole, while the record is kept from them: an auditor does not learn from the planning of an
 * unannounced visit which body will inspect which facility before the visit starts (DESIGN §3),
 * and sees the event once it has. Where a reader holds no read of a kind at all, the trail still
 * names its records by id, with the fields touched and never their contents: that is what
 * auditing who read or changed them needs. Every kind declared with a table in this subgraph's
 * schema is checked, so a new kind with a record rule is covered without a change here; a withheld
 * event leaves a gap in the sequence numbers and hashes the reader sees.
 */
export function eventsNamingNoRecordKeptFrom(
  viewer: Viewer,
  kinds: readonly RecordKind[],
  event: string,
): SqlCondition[] {
  const conditions: SqlCondition[] = [];
  for (const kind of kinds) {
    if (!kind.table) continue;
    const reached = kind.scopes.map((scope) => recordScope(viewer, scope));
    if (reached.some((scope) => scope.kind === "all")) continue;
    const some = reached.filter((scope) => scope.kind === "some");
    if (some.length === 0) continue;
    const alternatives = some.map((scope) => kind.condition(scope, "kept"));
    conditions.push({
      // IS NOT TRUE: a rule that comes out NULL for a record keeps it from the reader.
      sql:
        `NOT EXISTS (SELECT 1 FROM ${kind.table} kept WHERE kept.id = ANY(${UUIDS_NAMED(event)}) ` +
        `AND (${alternatives.map((condition) => condition.sql).join(" OR ")}) IS NOT TRUE)`,
      params: Object.assign({}, ...alternatives.map((condition) => condition.params)) as Record<string, unknown>,
    });
  }
  return conditions;
}
