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
import { RequiresScopes } from "../auth/scopes";
import type { BaseContext } from "../context";
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
      return listAuditEvents(ctx, { ...page, filter });
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

async function listAuditEvents(
  ctx: BaseContext,
  args: { first: number; after?: string | null; filter?: AuditFilter | null },
): Promise<Page<AuditEvent>> {
  const first = checkPageSize(args.first);
  const query = ctx.audit.db.getRepository(AuditEvent).createQueryBuilder("e");
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
