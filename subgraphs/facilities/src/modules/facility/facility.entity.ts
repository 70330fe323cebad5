import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Check, Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum FacilityType {
  RECEPTION_CENTRE = "RECEPTION_CENTRE",
  DETENTION_CENTRE = "DETENTION_CENTRE",
  SHELTER = "SHELTER",
  TRANSIT_CENTRE = "TRANSIT_CENTRE",
  OPEN_CENTRE = "OPEN_CENTRE",
}
registerEnumType(FacilityType, {
  name: "FacilityType",
  description: "What kind of facility it is; the kind decides which placement regimes it may hold.",
  valuesConfig: {
    RECEPTION_CENTRE: {
      description: "First reception after arrival: registration, health check, first accommodation.",
    },
    DETENTION_CENTRE: { description: "Closed centre; the only kind that may hold DETAINED placements." },
    SHELTER: { description: "Protected accommodation for vulnerable persons." },
    TRANSIT_CENTRE: { description: "Short stays before an onward movement." },
    OPEN_CENTRE: { description: "Open accommodation; residents come and go." },
  },
});

export enum FacilityStatus {
  OPERATIONAL = "OPERATIONAL",
  SUSPENDED = "SUSPENDED",
  CLOSED = "CLOSED",
}
registerEnumType(FacilityStatus, {
  name: "FacilityStatus",
  description: "Whether the facility takes residents.",
  valuesConfig: {
    OPERATIONAL: { description: "Open and taking new placements." },
    SUSPENDED: { description: "Temporarily taking no new placements; current residents stay." },
    CLOSED: { description: "Closed; it holds no one." },
  },
});

/** Public occupancy: a band of the official capacity in use, never the exact count (DESIGN §3). */
export enum OccupancyBand {
  UNDER_HALF = "UNDER_HALF",
  HALF_TO_THREE_QUARTERS = "HALF_TO_THREE_QUARTERS",
  THREE_QUARTERS_TO_NINETY = "THREE_QUARTERS_TO_NINETY",
  NINETY_TO_FULL = "NINETY_TO_FULL",
  OVER_CAPACITY = "OVER_CAPACITY",
}
registerEnumType(OccupancyBand, {
  name: "OccupancyBand",
  description: "How much of a facility's official capacity is in use (residents checked in), as a band.",
  valuesConfig: {
    UNDER_HALF: { description: "Under 50 % of the official capacity (empty included)." },
    HALF_TO_THREE_QUARTERS: { description: "50 % to under 75 %." },
    THREE_QUARTERS_TO_NINETY: { description: "75 % to under 90 %." },
    NINETY_TO_FULL: { description: "90 % to 100 %: full or nearly." },
    OVER_CAPACITY: { description: "More residents than official places." },
  },
});

/** A place where received persons are accommodated; its capacity bounds the open placements. */
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A facility that accommodates received persons, with its official capacity and current occupancy.",
})
@Entity({ name: "facility" })
@Check("facility_capacity_positive", `"official_capacity" > 0`)
export class Facility {
  @Field(() => ID, { description: "Stable identifier." })
  @PrimaryColumn("uuid")
  id: string;

  @Field({ description: "Name of the facility; unique." })
  @Index("facility_name_unique", { unique: true })
  @Column("varchar", { length: 200 })
  name: string;

  @Field(() => FacilityType, { description: "What kind of facility it is." })
  @Column("varchar", { length: 32 })
  type: FacilityType;

  @Field({ description: "Municipality the facility is in." })
  @Column("varchar", { length: 100 })
  municipality: string;

  @Field(() => Int, { description: "Official number of places: planned and checked-in placements never exceed it." })
  @Column("integer", { name: "official_capacity" })
  officialCapacity: number;

  @Field(() => FacilityStatus, { description: "Whether the facility takes residents." })
  @Column("varchar", { length: 16 })
  status: FacilityStatus;
}
