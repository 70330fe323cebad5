import { Classified, RecordOf } from "@kgraph/platform";
import { OfficialRecords } from "./official.records";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Agency, JobRole } from "./job-role";

/**
 * A person working for an authority in the programme. Other subgraphs point at officials by id
 * (a case's assigned officer); their training record lives here.
 */
@RecordOf(() => OfficialRecords, (official: Official) => official.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "An official of an authority in the programme, with their training record." })
@Entity({ name: "official" })
@Index("official_name_keyset", ["familyName", "givenNames", "id"])
export class Official {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Given names." })
  @Classified("training")
  @Column("varchar", { name: "given_names", length: 200 })
  givenNames: string;

  @Field({ description: "Family name." })
  @Classified("training")
  @Column("varchar", { name: "family_name", length: 200 })
  familyName: string;

  @Field(() => Agency, { description: "The agency the official works for." })
  @Classified("training")
  @Index()
  @Column("varchar", { length: 32 })
  agency: Agency;

  @Field(() => JobRole, { description: "What the official does; it decides which courses are mandatory for them." })
  @Classified("training")
  @Index()
  @Column("varchar", { name: "job_role", length: 32 })
  jobRole: JobRole;

  /** The facility the official works at (owned by the facilities subgraph); null when none. */
  @Index()
  @Column("uuid", { name: "facility_id", nullable: true })
  facilityId: string | null;

  @Field({
    description: "Whether the official is currently in service; only active officials can register for training.",
  })
  @Classified("training")
  @Column("boolean", { default: true })
  active: boolean;

  @Field({ description: "When the official was registered." })
  @Classified("training")
  @Column("timestamptz", { name: "registered_at" })
  registeredAt: Date;
}
