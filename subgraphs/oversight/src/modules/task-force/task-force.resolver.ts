import { BoundedList, Classified, RequiresScopes, atMost } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { OversightContext } from "../../context";
import { Mandate, TaskForce, TaskForceMember } from "./task-force.entity";
import { MANDATES_PER_TASK_FORCE, MEMBERS_PER_TASK_FORCE, TASK_FORCES } from "./task-force.loaders";
import * as taskForces from "./task-force.service";

@Resolver(() => TaskForce)
export class TaskForceResolver {
  @BoundedList(TASK_FORCES)
  @Query(() => [TaskForce], {
    description: "The task forces the caller may read, oldest first. " + atMost(TASK_FORCES),
  })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  taskForces(@Ctx() ctx: OversightContext): Promise<TaskForce[]> {
    return taskForces.taskForces(ctx);
  }

  @Query(() => TaskForce, { nullable: true, description: "One task force by id; null when there is none to read." })
  @RequiresScopes(SCOPES.OVERSIGHT_READ)
  taskForce(
    @Arg("id", () => ID, { description: "The task force's id." }) id: string,
    @Ctx() ctx: OversightContext,
  ): Promise<TaskForce | null> {
    return taskForces.taskForceById(ctx, id);
  }

  @BoundedList(MEMBERS_PER_TASK_FORCE)
  @FieldResolver(() => [TaskForceMember], {
    description: "Its members, by agency, longest-serving first (past members too). " + atMost(MEMBERS_PER_TASK_FORCE),
  })
  @Classified("oversight")
  members(@Root() root: TaskForce, @Ctx() ctx: OversightContext): Promise<TaskForceMember[]> {
    return taskForces.membersOf(ctx, root.id);
  }

  @BoundedList(MANDATES_PER_TASK_FORCE)
  @FieldResolver(() => [Mandate], {
    description: "What it may decide, each with its granting text. " + atMost(MANDATES_PER_TASK_FORCE),
  })
  @Classified("oversight")
  mandates(@Root() root: TaskForce, @Ctx() ctx: OversightContext): Promise<Mandate[]> {
    return taskForces.mandatesOf(ctx, root.id);
  }
}
