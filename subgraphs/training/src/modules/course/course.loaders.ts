import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { Course } from "./course.entity";

export function createCourseLoaders(db: DataSource) {
  return {
    courseById: new DataLoader<string, Course | null>(async (ids) => {
      const valid = wellFormedIds(ids);
      const rows = valid.length ? await db.getRepository(Course).findBy({ id: In(valid) }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
