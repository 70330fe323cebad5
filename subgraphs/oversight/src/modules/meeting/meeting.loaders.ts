import { type RecordAccess, firstManyByKey, oneByKey, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { AgendaItem, Decision, TaskForceMeeting } from "./meeting.entity";
import { MeetingRecords } from "./meeting.records";

/** `TaskForceMeeting.agendaItems` and `.decisions` state these maximums. */
export const AGENDA_ITEMS_PER_MEETING = 100;
export const DECISIONS_PER_MEETING = 100;

/**
 * Loaders for one request: meetings are read under the caller's rule in SQL; agenda items and
 * decisions are reached only through a meeting the caller reads (and their fields check it).
 */
export function createMeetingLoaders(db: DataSource, access: RecordAccess) {
  const readable = access.where(MeetingRecords, SCOPES.OVERSIGHT_READ, "m");
  const byIds = <T extends { id: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db.getRepository(entity).findBy(wanted.map((id) => ({ id })) as never);
      return oneByKey(ids, rows, (row) => row.id);
    });
  return {
    meetingById: new DataLoader<string, TaskForceMeeting | null>(async (ids) => {
      const wanted = wellFormedIds(ids);
      if (!wanted.length) return ids.map(() => null);
      const rows = await db
        .getRepository(TaskForceMeeting)
        .createQueryBuilder("m")
        .where("m.id IN (:...ids)", { ids: wanted })
        .andWhere(readable.sql, readable.params)
        .getMany();
      return oneByKey(ids, rows, (row) => row.id);
    }),
    /** A query over the meetings the caller reads (alias `m`), for lists. */
    readableMeetings: () =>
      db.getRepository(TaskForceMeeting).createQueryBuilder("m").where(readable.sql, readable.params),
    agendaItemById: byIds(AgendaItem),
    decisionById: byIds(Decision),
    agendaItemsByMeetingId: new DataLoader<string, AgendaItem[]>((meetingIds) =>
      firstManyByKey(meetingIds, db.getRepository(AgendaItem).createQueryBuilder("a"), {
        column: "a.meeting_id",
        keyOf: (row) => row.meetingId,
        order: [["a.position", "ASC"]],
        limit: AGENDA_ITEMS_PER_MEETING + 1,
        wanted: wellFormedIds(meetingIds),
      }),
    ),
    decisionsByMeetingId: new DataLoader<string, Decision[]>((meetingIds) =>
      firstManyByKey(meetingIds, db.getRepository(Decision).createQueryBuilder("d"), {
        column: "d.meeting_id",
        keyOf: (row) => row.meetingId,
        order: [
          ["d.recorded_at", "ASC"],
          ["d.id", "ASC"],
        ],
        limit: DECISIONS_PER_MEETING + 1,
        wanted: wellFormedIds(meetingIds),
      }),
    ),
  };
}
