import { atMost, BoundedList, Classified, RecordOf } from "@kgraph/platform";
import { CaseRecords } from "../case/case.records";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@RecordOf(() => CaseRecords, (document: IdentityDocument) => document.caseId)
@ObjectType({ description: "An identity document held or recorded for a person." })
export class IdentityDocument {
  /** The case whose person holds the document (set when served; never stored in the document). */
  declare caseId?: string;

  @Field({ description: "Kind of document, e.g. PASSPORT, NATIONAL_ID, TRAVEL_DOCUMENT." })
  @Classified("identityDocument")
  type: string;

  @Field({ description: "The document number." })
  @Classified("identityDocument")
  number: string;

  @Field({ description: "Issuing country as an ISO 3166-1 alpha-2 code." })
  @Classified("identityDocument")
  issuingCountry: string;

  @Field(() => String, { nullable: true, description: "Expiry date (YYYY-MM-DD), when known." })
  @Classified("identityDocument")
  expiresOn?: string | null;
}

/** Identity of the person in a case; one row per case, kept apart from the case itself. */
@RecordOf(() => CaseRecords, (person: Person) => person.caseId)
@ObjectType({ description: "Who the person in a case is. Identity data: visible only to roles allowed to see it." })
@Entity({ name: "person" })
export class Person {
  @PrimaryColumn("uuid", { name: "case_id" })
  caseId: string;

  @Field({ description: "Given names as recorded." })
  @Classified("identity")
  @Column("varchar", { name: "given_names", length: 200 })
  givenNames: string;

  @Field({ description: "Family name as recorded." })
  @Classified("identity")
  @Column("varchar", { name: "family_name", length: 200 })
  familyName: string;

  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD), when known." })
  @Classified("identity")
  @Column("date", { name: "date_of_birth", nullable: true })
  dateOfBirth: string | null;

  @Field({ description: "Sex as recorded: F, M or X." })
  @Classified("identity")
  @Column("varchar", { length: 1 })
  sex: string;

  // At most 20: as many as `createPerson` accepts.
  @BoundedList(20)
  @Field(() => [String], { description: "Languages spoken, as ISO 639-1 codes." + " " + atMost(20) })
  @Classified("identity")
  @Column("text", { array: true, default: () => "'{}'" })
  languages: string[];

  @Column("jsonb", { name: "identity_documents", default: () => "'[]'" })
  identityDocuments: IdentityDocument[];
}
