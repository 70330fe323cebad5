import DataLoader from "dataloader";
import { In, IsNull, type DataSource } from "typeorm";
import { type Viewer, bindRule, hasScopes, manyByKey, oneByKey } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./counsel.entity";

export function createCounselLoaders(db: DataSource, viewer: Viewer) {
  // Whose note text may leave the database: the caller's own, when they hold case:privileged
  // (the `author` rule of the privileged data class); the field's own check applies the rest.
  const author = hasScopes(viewer, [SCOPES.CASE_PRIVILEGED]) ? bindRule(viewer, "author") : null;
  const reader = author?.value ?? null;
  return {
    /** The current representation of each case (the one not ended), or null. */
    currentRepresentationByCaseId: new DataLoader<string, LegalRepresentation | null>(async (caseIds) => {
      const rows = await db.getRepository(LegalRepresentation).findBy({ caseId: In([...caseIds]), to: IsNull() });
      return oneByKey(caseIds, rows, (row) => row.caseId);
    }),
    /** Every representation of each case, newest first. */
    representationsByCaseId: new DataLoader<string, LegalRepresentation[]>(async (caseIds) => {
      const rows = await db
        .getRepository(LegalRepresentation)
        .find({ where: { caseId: In([...caseIds]) }, order: { from: "DESC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
    /** Every counsel contact event of each case, oldest request first. */
    counselContactsByCaseId: new DataLoader<string, CounselContactEvent[]>(async (caseIds) => {
      const rows = await db
        .getRepository(CounselContactEvent)
        .find({ where: { caseId: In([...caseIds]) }, order: { requestedAt: "ASC", id: "ASC" } });
      return manyByKey(caseIds, rows, (row) => row.caseId);
    }),
    /**
     * Every privileged note of each case, oldest first. Anyone who reaches a case may learn that
     * a note exists; its text leaves the database only for the counsel who wrote it (null for
     * everyone else), decided in the SQL itself.
     */
    privilegedNotesByCaseId: new DataLoader<string, PrivilegedNote[]>(async (caseIds) => {
      const rows = (await db.query(
        `SELECT id, case_id, counsel_id, created_at,
                CASE WHEN $2::uuid IS NOT NULL AND counsel_id = $2::uuid THEN text END AS text
           FROM privileged_note
          WHERE case_id = ANY($1::uuid[])
          ORDER BY created_at ASC, id ASC`,
        [[...caseIds], reader],
      )) as { id: string; case_id: string; counsel_id: string; created_at: Date; text: string | null }[];
      const notes = rows.map((row) =>
        Object.assign(new PrivilegedNote(), {
          id: row.id,
          caseId: row.case_id,
          counselId: row.counsel_id,
          createdAt: row.created_at,
          text: row.text,
        }),
      );
      return manyByKey(caseIds, notes, (note) => note.caseId);
    }),
  };
}
