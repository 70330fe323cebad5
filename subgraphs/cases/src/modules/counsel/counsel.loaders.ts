import DataLoader from "dataloader";
import { In, IsNull, type DataSource } from "typeorm";
import { type Viewer, bindRule, firstManyByKey, hasScopes, manyByKey, oneByKey } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "./counsel.entity";

/** The maximums `Case.representationHistory`, `counselContacts` and `privilegedNotes` state. */
export const REPRESENTATIONS_PER_CASE = 20;
export const COUNSEL_CONTACTS_PER_CASE = 500;
export const PRIVILEGED_NOTES_PER_CASE = 500;

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
    /** The first REPRESENTATIONS_PER_CASE + 1 representations of each case, newest first (one more shows a cut). */
    representationsByCaseId: new DataLoader<string, LegalRepresentation[]>((caseIds) =>
      firstManyByKey(caseIds, db.getRepository(LegalRepresentation).createQueryBuilder("r"), {
        column: "r.case_id",
        keyOf: (row) => row.caseId,
        order: [
          ["r.valid_from", "DESC"],
          ["r.id", "ASC"],
        ],
        limit: REPRESENTATIONS_PER_CASE + 1,
      }),
    ),
    /** The first COUNSEL_CONTACTS_PER_CASE + 1 counsel contact events of each case, oldest request first. */
    counselContactsByCaseId: new DataLoader<string, CounselContactEvent[]>((caseIds) =>
      firstManyByKey(caseIds, db.getRepository(CounselContactEvent).createQueryBuilder("e"), {
        column: "e.case_id",
        keyOf: (row) => row.caseId,
        order: [
          ["e.requested_at", "ASC"],
          ["e.id", "ASC"],
        ],
        limit: COUNSEL_CONTACTS_PER_CASE + 1,
      }),
    ),
    /**
     * The first PRIVILEGED_NOTES_PER_CASE + 1 privileged notes of each case, oldest first. Anyone
     * who reaches a case may learn that a note exists; its text leaves the database only for the
     * counsel who wrote it (null for everyone else), decided in the SQL itself. Plain SQL, as the
     * text is chosen per row; ranked as `firstManyByKey` ranks, so a long history is never read whole.
     */
    privilegedNotesByCaseId: new DataLoader<string, PrivilegedNote[]>(async (caseIds) => {
      const rows = (await db.query(
        `SELECT id, case_id, counsel_id, created_at,
                CASE WHEN $2::uuid IS NOT NULL AND counsel_id = $2::uuid THEN text END AS text
           FROM (SELECT n.id, n.case_id, n.counsel_id, n.created_at, n.text,
                        row_number() OVER (PARTITION BY n.case_id ORDER BY n.created_at ASC, n.id ASC) AS rn
                   FROM privileged_note n
                  WHERE n.case_id = ANY($1::uuid[])) ranked
          WHERE ranked.rn <= $3
          ORDER BY created_at ASC, id ASC`,
        [[...caseIds], reader, PRIVILEGED_NOTES_PER_CASE + 1],
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
