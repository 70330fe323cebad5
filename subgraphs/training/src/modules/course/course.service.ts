import { randomUUID } from "node:crypto";
import { conflict, notFound, isUniqueViolation } from "@kgraph/platform";
import type { EntityManager } from "typeorm";
import type { TrainingContext } from "../../context";
import { Course } from "./course.entity";
import type { CreateCourseInput, UpdateCourseInput } from "./course.inputs";

export function courseById(ctx: TrainingContext, id: string): Promise<Course | null> {
  return ctx.loaders.courseById.load(id);
}

/** The whole catalogue, by code (it is a short list). */
/** The maximum `Query.courses` states: the training catalogue. */
export const COURSES_LISTED = 200;

/** The catalogue by code: at most one more than listed, which shows a cut. */
export async function listCourses(ctx: TrainingContext): Promise<Course[]> {
  const rows = await ctx.db.getRepository(Course).find({ order: { code: "ASC" }, take: COURSES_LISTED + 1 });
  for (const row of rows) ctx.loaders.courseById.prime(row.id, row);
  return rows;
}

export async function createCourse(ctx: TrainingContext, input: CreateCourseInput): Promise<Course> {
  const created = await ctx.db
    .transaction(async (tx) => {
      await refuseTakenCode(tx, input.code);
      const course = tx.create(Course, {
        id: randomUUID(),
        code: input.code,
        title: input.title,
        description: input.description ?? null,
        topics: input.topics,
        validityMonths: input.validityMonths,
        createdAt: new Date(),
      });
      await tx.insert(Course, course);
      return course;
    })
    .catch((err: unknown) => rethrowCodeRace(err, input.code));
  ctx.loaders.courseById.prime(created.id, created);
  return created;
}

export async function updateCourse(ctx: TrainingContext, input: UpdateCourseInput): Promise<Course> {
  const updated = await ctx.db
    .transaction(async (tx) => {
      const current = await tx.findOne(Course, { where: { id: input.courseId }, lock: { mode: "pessimistic_write" } });
      if (!current) throw notFound("Course", input.courseId);
      if (input.code != null && input.code !== current.code) {
        await refuseTakenCode(tx, input.code);
        current.code = input.code;
      }
      if (input.title != null) current.title = input.title;
      if (input.description != null) current.description = input.description === "" ? null : input.description;
      if (input.topics != null) current.topics = input.topics;
      if (input.validityMonths != null) current.validityMonths = input.validityMonths;
      await tx.update(
        Course,
        { id: current.id },
        {
          code: current.code,
          title: current.title,
          description: current.description,
          topics: current.topics,
          validityMonths: current.validityMonths,
        },
      );
      return current;
    })
    .catch((err: unknown) => rethrowCodeRace(err, input.code ?? ""));
  ctx.loaders.courseById.clear(updated.id).prime(updated.id, updated);
  return updated;
}

async function refuseTakenCode(tx: EntityManager, code: string): Promise<void> {
  const existing = await tx.findOneBy(Course, { code });
  if (existing) throw codeTaken(code, existing.id);
}

function codeTaken(code: string, courseId?: string) {
  return conflict(`A course with code ${code} already exists; course codes must be unique.`, {
    argument: "input.code",
    ...(courseId ? { courseId } : {}),
  });
}

/** Two concurrent writes of one code: the unique index stops the second; say so as the check would. */
function rethrowCodeRace(err: unknown, code: string): never {
  if (isUniqueViolation(err)) throw codeTaken(code);
  throw err;
}
