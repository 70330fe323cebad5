import { Classified, RecordOf } from "@kgraph/platform";
import { IncidentRecords } from "./incident.records";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum IncidentType {
  USE_OF_FORCE = "USE_OF_FORCE",
  SELF_HARM = "SELF_HARM",
  MEDICAL_EMERGENCY = "MEDICAL_EMERGENCY",
  ASSAULT = "ASSAULT",
  ESCAPE = "ESCAPE",
  DEATH = "DEATH",
  OTHER = "OTHER",
}
registerEnumType(IncidentType, {
  name: "IncidentType",
  description: "What kind of incident happened.",
  valuesConfig: {
    USE_OF_FORCE: { description: "Force or restraint used by staff or police." },
    SELF_HARM: { description: "Self-harm or an attempt at it." },
    MEDICAL_EMERGENCY: { description: "An emergency needing urgent medical care." },
    ASSAULT: { description: "Violence between residents or against staff." },
    ESCAPE: { description: "Someone left a closed facility without leave." },
    DEATH: { description: "A death in the facility or in custody." },
    OTHER: { description: "Anything else that must be recorded (fire, protest, hunger strike...)." },
  },
});

export enum IncidentStatus {
  REPORTED = "REPORTED",
  UNDER_INVESTIGATION = "UNDER_INVESTIGATION",
  CLOSED = "CLOSED",
}
registerEnumType(IncidentStatus, {
  name: "IncidentStatus",
  description: "Where an incident's follow-up stands.",
  valuesConfig: {
    REPORTED: { description: "Recorded; not yet investigated." },
    UNDER_INVESTIGATION: { description: "Being investigated." },
    CLOSED: { description: "Follow-up ended (final)." },
  },
});

/**
 * An incident at a facility. The cases involved are stored by id, so records can be linked
 * by those allowed to, but the graph shows them only as pseudonyms.
 */
@RecordOf(() => IncidentRecords, (incident: Incident) => incident.id)
@Directive('@key(fields: "id")')
@ObjectType({ description: "An incident at a facility; the people involved appear only as pseudonyms." })
@Entity({ name: "incident" })
@Index("incident_at_keyset", ["at", "id"])
export class Incident {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Classified("monitoring")
  @Field(() => IncidentType, { description: "What kind of incident it was." })
  @Index()
  @Column("varchar", { length: 24 })
  type: IncidentType;

  @Classified("monitoring")
  @Field({ description: "When it happened." })
  @Column("timestamptz")
  at: Date;

  @Index()
  @Column("uuid", { name: "facility_id" })
  facilityId: string;

  /** The cases involved; exposed only as `subjectRefs`. */
  @Column("uuid", { name: "case_ids", array: true })
  caseIds: string[];

  @Classified("monitoring")
  @Field({ description: "What happened, as recorded." })
  @Column("text")
  narrative: string;

  @Classified("monitoring")
  @Field(() => IncidentStatus, { description: "Where the follow-up stands." })
  @Index()
  @Column("varchar", { length: 24 })
  status: IncidentStatus;

  @Classified("monitoring")
  @Field({ description: "When the incident was recorded." })
  @Column("timestamptz", { name: "reported_at" })
  reportedAt: Date;

  @Classified("monitoring")
  @Field({ description: "When the incident record last changed." })
  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;
}
