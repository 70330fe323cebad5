import { atMost, BoundedList, Classified, servedWithRecord } from "@kgraph/platform";
import { FieldResolver, Resolver, Root } from "type-graphql";
import { IdentityDocument, Person } from "./person.entity";

@Resolver(() => Person)
export class PersonResolver {
  // At most 20: as many as `createPerson` accepts.
  @BoundedList(20)
  @FieldResolver(() => [IdentityDocument], {
    // Nullable so a caller without person:documents:read (facility staff) loses only this field.
    nullable: true,
    description:
      "Identity documents recorded for the person (person:documents:read); never null for those who may read them." +
      " " +
      atMost(20),
  })
  @Classified("identityDocument")
  identityDocuments(@Root() person: Person): IdentityDocument[] {
    return servedWithRecord(IdentityDocument, person.identityDocuments, { caseId: person.caseId });
  }
}
