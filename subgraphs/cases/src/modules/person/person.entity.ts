import { RequiresScopes } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ description: "An identity document held or recorded for a person." })
export class IdentityDocument {
  @Field({ description: "Kind of document, e.g. PASSPORT, NATIONAL_ID, TRAVEL_DOCUMENT." })
  @RequiresScopes(SCOPES.PERSON_READ, SCOPES.PERSON_DOCUMENTS_READ)
  type: string;

  @Field({ description: "The document number." })
  @RequiresScopes(SCOPES.PERSON_READ, SCOPES.PERSON_DOCUMENTS_READ)
  number: string;

  @Field({ description: "Issuing country as an ISO 3166-1 alpha-2 code." })
  @RequiresScopes(SCOPES.PERSON_READ, SCOPES.PERSON_DOCUMENTS_READ)
  issuingCountry: string;

  @Field(() => String, { nullable: true, description: "Expiry date (YYYY-MM-DD), when known." })
  @RequiresScopes(SCOPES.PERSON_READ, SCOPES.PERSON_DOCUMENTS_READ)
  expiresOn?: string | null;
}

/** Identity of the person in a case; one row per case, kept apart from the case itself. */
@ObjectType({ description: "Who the person in a case is. Identity data: visible only to roles allowed to see it." })
@Entity({ name: "person" })
export class Person {
  @PrimaryColumn("uuid", { name: "case_id" })
  caseId: string;

  @Field({ description: "Given names as recorded." })
  @RequiresScopes(SCOPES.PERSON_READ)
  @Column("varchar", { name: "given_names", length: 200 })
  givenNames: string;

  @Field({ description: "Family name as recorded." })
  @RequiresScopes(SCOPES.PERSON_READ)
  @Column("varchar", { name: "family_name", length: 200 })
  familyName: string;

  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD), when known." })
  @RequiresScopes(SCOPES.PERSON_READ)
  @Column("date", { name: "date_of_birth", nullable: true })
  dateOfBirth: string | null;

  @Field({ description: "Sex as recorded: F, M or X." })
  @RequiresScopes(SCOPES.PERSON_READ)
  @Column("varchar", { length: 1 })
  sex: string;

  @Field(() => [String], { description: "Languages spoken, as ISO 639-1 codes." })
  @RequiresScopes(SCOPES.PERSON_READ)
  @Column("text", { array: true, default: () => "'{}'" })
  languages: string[];

  @Field(() => [IdentityDocument], {
    // Nullable so a caller without person:documents:read (facility staff) loses only this field.
    nullable: true,
    description:
      "Identity documents recorded for the person (person:documents:read); never null for those who may read them.",
  })
  @RequiresScopes(SCOPES.PERSON_READ, SCOPES.PERSON_DOCUMENTS_READ)
  @Column("jsonb", { name: "identity_documents", default: () => "'[]'" })
  identityDocuments: IdentityDocument[];
}
