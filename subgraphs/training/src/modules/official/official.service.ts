import { randomUUID } from "node:crypto";
import { type Page, checkPageSize, notFound, toPage, decodeCursor } from "@kgraph/platform";
import type { TrainingContext } from "../../context";
import { Official } from "./official.entity";
import type { OfficialFilter, RegisterOfficialInput, UpdateOfficialInput } from "./official.inputs";

/** How an official is shown: given names, then family name. */
export function displayName(official: Pick<Official, "givenNames" | "familyName">): string {
  return `${official.givenNames} ${official.familyName}`;
}

export function officialById(ctx: TrainingContext, id: string): Promise<Official | null> {
  return ctx.loaders.officialById.load(id);
}

/**
 * Officials by name (family name, given names, then id), by keyset: the cursor carries both
 * names and the id, so pages neither skip nor repeat anyone however deep they go.
 */
export async function listOfficials(
  ctx: TrainingContext,
  args: { first: number; after?: string | null; filter?: OfficialFilter | null },
): Promise<Page<Official>> {
  const first = checkPageSize(args.first);
  const query = ctx.db.getRepository(Official).createQueryBuilder("o");
  const filter = args.filter ?? {};
  if (filter.agency) query.andWhere("o.agency = :agency", { agency: filter.agency });
  if (filter.jobRole) query.andWhere("o.job_role = :jobRole", { jobRole: filter.jobRole });
  if (filter.facilityId) query.andWhere("o.facility_id = :facilityId", { facilityId: filter.facilityId });
  if (filter.active !== undefined && filter.active !== null)
    query.andWhere("o.active = :active", { active: filter.active });
  if (args.after) {
    const [familyName, givenNames, id] = decodeCursor(args.after, "names");
    query.andWhere("(o.family_name, o.given_names, o.id) > (:familyName, :givenNames, :id)", {
      familyName,
      givenNames,
      id,
    });
  }
  const rows = await query
    .orderBy("o.family_name", "ASC")
    .addOrderBy("o.given_names", "ASC")
    .addOrderBy("o.id", "ASC")
    .limit(first + 1)
    .getMany();
  for (const row of rows) ctx.loaders.officialById.prime(row.id, row);
  return toPage(rows, first, "names", (row) => [row.familyName, row.givenNames, row.id]);
}

export async function registerOfficial(ctx: TrainingContext, input: RegisterOfficialInput): Promise<Official> {
  const created = await ctx.db.transaction(async (tx) => {
    const official = tx.create(Official, {
      id: randomUUID(),
      givenNames: input.givenNames,
      familyName: input.familyName,
      agency: input.agency,
      jobRole: input.jobRole,
      facilityId: input.facilityId ?? null,
      active: true,
      registeredAt: new Date(),
    });
    await tx.insert(Official, official);
    return official;
  });
  ctx.loaders.officialById.prime(created.id, created);
  return created;
}

export async function updateOfficial(ctx: TrainingContext, input: UpdateOfficialInput): Promise<Official> {
  const updated = await ctx.db.transaction(async (tx) => {
    const current = await tx.findOne(Official, {
      where: { id: input.officialId },
      lock: { mode: "pessimistic_write" },
    });
    if (!current) throw notFound("Official", input.officialId);
    // Absent and null mean "unchanged" for the required fields; null clears the facility.
    if (input.givenNames != null) current.givenNames = input.givenNames;
    if (input.familyName != null) current.familyName = input.familyName;
    if (input.agency != null) current.agency = input.agency;
    if (input.jobRole != null) current.jobRole = input.jobRole;
    if (input.facilityId !== undefined) current.facilityId = input.facilityId;
    if (input.active != null) current.active = input.active;
    await tx.update(
      Official,
      { id: current.id },
      {
        givenNames: current.givenNames,
        familyName: current.familyName,
        agency: current.agency,
        jobRole: current.jobRole,
        facilityId: current.facilityId,
        active: current.active,
      },
    );
    return current;
  });
  ctx.loaders.officialById.clear(updated.id).prime(updated.id, updated);
  return updated;
}
