import { Classified } from "@kgraph/platform";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum MonitoringBodyKind {
  NPM = "NPM",
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
  INTERNATIONAL = "INTERNATIONAL",
}
registerEnumType(MonitoringBodyKind, {
  name: "MonitoringBodyKind",
  description: "What kind of body monitors places where people are held or accommodated.",
  valuesConfig: {
    NPM: { description: "The national preventive mechanism (OPCAT), here the Ombudsperson Institution." },
    CIVIL_SOCIETY: { description: "A non-governmental organisation with a monitoring mandate or agreement." },
    INTERNATIONAL: { description: "An international body or mission (e.g. a treaty body or a regional organisation)." },
  },
});

@ObjectType({
  description: "An organisation that visits facilities and reports on the treatment of the people in them.",
})
@Entity({ name: "monitoring_body" })
export class MonitoringBody {
  @Field(() => ID, { description: "Stable identifier; a monitor's token carries it as `org_id`." })
  @PrimaryColumn("uuid")
  id: string;

  @Classified("public")
  @Field({ description: "Name of the body as it signs its reports." })
  @Column("varchar", { length: 200, unique: true })
  name: string;

  @Classified("public")
  @Field(() => MonitoringBodyKind, { description: "What kind of body it is." })
  @Column("varchar", { length: 16 })
  kind: MonitoringBodyKind;
}
