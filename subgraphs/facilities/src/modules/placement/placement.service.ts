import { randomUUID } from "node:crypto";
import {
  type Page,
  badUserInput,
  checkPageSize,
  decodeCursor,
  hasScopes,
  isUniqueViolation,
  userError,
} from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { PlacementRecords } from "./placement.records";
import { type EntityManager, In } from "typeorm";
import type { FacilitiesContext } from "../../context";
import { FacilityStatus } from "../facility/facility.entity";
import { isFull } from "../facility/facility.policy";
import { countPlacements, lockFacility } from "../facility/facility.service";
import {
  ONE_OPEN_PLACEMENT_PER_CASE,
  OPEN_PLACEMENT_STATUSES,
  Placement,
  PlacementRegime,
  PlacementStatus,
} from "./placement.entity";
import type {
  CancelPlacementInput,
  CheckInArgs,
  CheckOutInput,
  ConfirmPlacementArgs,
  PlaceCaseInput,
} from "./placement.inputs";
import { NEXT_PLACEMENT_STATUSES, canMovePlacement, regimeAllowedIn } from "./placement.policy";

/** Clock skew tolerated between a caller and this server when a time must not be in the future. */
const CLOCK_SKEW_MS = 60_000;

/** A placement by id; null when there is none or the viewer's record rule leaves it out. */
export function placementById(ctx: FacilitiesContext, id: string): Promise<Placement | null> {
  return ctx.loaders.placementById.load(id);
}

/**
 * `_entities` for a Placement. Every field of a placement but its id needs placement:read, so a
 * caller without that scope is refused the reference itself (whether or not the placement exists:
 * no existence leak); a caller with it gets what `placement(id)` gives, its record rule applied.
 */
export async function placementReference(ctx: FacilitiesContext, id: string): Promise<Placement | null> {
  if (!hasScopes(ctx.viewer, [SCOPES.PLACEMENT_READ])) {
    throw userError("FORBIDDEN", `A Placement reference needs ${SCOPES.PLACEMENT_READ}.`, {
      requiredScopes: [SCOPES.PLACEMENT_READ],
    });
  }
  return placementById(ctx, id);
}

/** A case's placements, newest first. */
export function placementsOfCase(ctx: FacilitiesContext, caseId: string): Promise<Placement[]> {
  return ctx.loaders.placementsByCaseId.load(caseId);
}

/** A case's open placement (PLANNED or CHECKED_IN), or null. */
export function currentPlacementOfCase(ctx: FacilitiesContext, caseId: string): Promise<Placement | null> {
  return ctx.loaders.currentPlacementByCaseId.load(caseId);
}

/** A facility's placements newest first, by keyset on (planned_at, id). */
export async function placementsOfFacility(
  ctx: FacilitiesContext,
  facilityId: string,
  args: { first: number; after?: string | null; current?: boolean | null },
): Promise<Page<Placement>> {
  const first = checkPageSize(args.first);
  const after = args.after ? decodeCursor(args.after, "time") : null;
  const page = await ctx.loaders.placementPageByFacility.load({
    facilityId,
    first,
    after,
    current: args.current ?? null,
  });
  for (const edge of page.edges) ctx.loaders.placementById.prime(edge.node.id, edge.node);
  return page;
}

/**
 * Reserves a place for a case. One transaction: the facility row is locked first, so the count
 * of places taken cannot change under us and two placements can never overfill a facility.
 *
 * Who may place whom is a record rule (placement:write): an MIA officer any case anywhere, and
 * the placement is confirmed at once; facility staff only at their own facility and only for a
 * person an officer already placed there (re-admission), and what they record stays unconfirmed
 * until an officer confirms it. The rule is checked before anything about the case is looked at,
 * so a refused caller learns nothing about a case id (whether it exists, whether it is placed).
 * The case itself lives in the cases subgraph and subgraphs do not call each other, so any
 * well-formed case id is accepted from an officer.
 */
export async function placeCase(ctx: FacilitiesContext, input: PlaceCaseInput): Promise<Placement> {
  let created: Placement;
  try {
    created = await ctx.db.transaction(async (tx) => {
      const id = randomUUID();
      const values = { id, case_id: input.caseId, facility_id: input.facilityId };
      if (!(await ctx.access.allowsNew(tx, PlacementRecords, SCOPES.PLACEMENT_WRITE, values))) {
        throw userError("FORBIDDEN", OUTSIDE_PLACEMENT_RULE, { argument: "input" });
      }
      const confirmed = await ctx.access.allowsNew(tx, PlacementRecords, SCOPES.PLACEMENT_CONFIRM, values);
      const facility = await lockFacility(tx, input.facilityId);
      if (facility.status !== FacilityStatus.OPERATIONAL) {
        throw badUserInput(
          `Facility "${facility.name}" is ${facility.status}; only an OPERATIONAL facility takes placements.`,
          { argument: "input.facilityId", facilityStatus: facility.status },
        );
      }
      if (!regimeAllowedIn(input.regime, facility.type)) {
        throw badUserInput(
          `A ${PlacementRegime.DETAINED} placement is possible only in a DETENTION_CENTRE; ` +
            `facility "${facility.name}" is a ${facility.type}.`,
          { argument: "input.regime" },
        );
      }
      const open = await tx.findOneBy(Placement, { caseId: input.caseId, status: In([...OPEN_PLACEMENT_STATUSES]) });
      // The open placement's id is named only to a caller who may read it (not another facility's staff).
      if (open) throw alreadyPlaced(input.caseId, (await placementById(ctx, open.id)) ? open.id : undefined);
      const taken = await countPlacements(tx, facility.id, OPEN_PLACEMENT_STATUSES);
      if (isFull(taken, facility.officialCapacity)) {
        throw badUserInput(
          `Facility "${facility.name}" is full: ${taken} of ${facility.officialCapacity} places are taken ` +
            `(planned or checked in).`,
          { argument: "input.facilityId", officialCapacity: facility.officialCapacity, placesTaken: taken },
        );
      }
      const now = new Date();
      const placement = tx.create(Placement, {
        id,
        caseId: input.caseId,
        facilityId: facility.id,
        regime: input.regime,
        status: PlacementStatus.PLANNED,
        plannedAt: input.plannedAt ?? now,
        checkInAt: null,
        checkOutAt: null,
        checkOutReason: null,
        cancelledAt: null,
        cancellationReason: null,
        confirmedAt: confirmed ? now : null,
        confirmedBy: confirmed ? (ctx.viewer.sub ?? null) : null,
      });
      await tx.insert(Placement, placement);
      return placement;
    });
  } catch (err) {
    // Placements of one case into two facilities take different facility locks; the partial
    // unique index refuses whichever commits second.
    if (isUniqueViolation(err, ONE_OPEN_PLACEMENT_PER_CASE)) throw alreadyPlaced(input.caseId);
    throw err;
  }
  forgetAfterWrite(ctx, created);
  return created;
}

/**
 * An MIA officer confirms a placement someone else recorded (facility staff): from then on it
 * counts for the staff's record rule like one the officer planned. Open placements only.
 */
export async function confirmPlacement(ctx: FacilitiesContext, args: ConfirmPlacementArgs): Promise<Placement> {
  const updated = await ctx.db.transaction(async (tx) => {
    const placement = await lockPlacement(ctx, tx, args.placementId, SCOPES.PLACEMENT_CONFIRM);
    if (!OPEN_PLACEMENT_STATUSES.includes(placement.status)) {
      throw badUserInput(
        `Placement ${placement.id} is ${placement.status}; only an open placement (PLANNED or CHECKED_IN) is confirmed.`,
        { argument: "placementId", status: placement.status },
      );
    }
    if (placement.confirmedAt) {
      throw badUserInput(`Placement ${placement.id} was already confirmed at ${placement.confirmedAt.toISOString()}.`, {
        argument: "placementId",
      });
    }
    const changes = { confirmedAt: new Date(), confirmedBy: ctx.viewer.sub ?? null };
    await tx.update(Placement, { id: placement.id }, changes);
    return Object.assign(placement, changes);
  });
  forgetAfterWrite(ctx, updated);
  return updated;
}

/** PLANNED → CHECKED_IN: the person arrived. The facility must still be open and have room for a resident. */
export async function checkIn(ctx: FacilitiesContext, args: CheckInArgs): Promise<Placement> {
  const updated = await ctx.db.transaction(async (tx) => {
    const placement = await lockPlacement(ctx, tx, args.placementId, SCOPES.PLACEMENT_WRITE);
    refuseUnlessAllowed(placement, PlacementStatus.CHECKED_IN);
    const at = eventTime(args.at, "at");
    // The capacity may have been lowered since the place was reserved: never more residents than places.
    const facility = await lockFacility(tx, placement.facilityId);
    if (facility.status !== FacilityStatus.OPERATIONAL) {
      throw badUserInput(
        `Facility "${facility.name}" is ${facility.status}; check-in needs an OPERATIONAL facility. ` +
          `Cancel this placement and place the case elsewhere.`,
        { argument: "placementId", facilityStatus: facility.status },
      );
    }
    const occupancy = await countPlacements(tx, facility.id, [PlacementStatus.CHECKED_IN]);
    if (isFull(occupancy, facility.officialCapacity)) {
      throw badUserInput(
        `Facility "${facility.name}" is full: ${occupancy} of ${facility.officialCapacity} places are occupied.`,
        { argument: "placementId", officialCapacity: facility.officialCapacity, occupancy },
      );
    }
    const changes = { status: PlacementStatus.CHECKED_IN, checkInAt: at };
    await tx.update(Placement, { id: placement.id }, changes);
    return Object.assign(placement, changes);
  });
  forgetAfterWrite(ctx, updated);
  return updated;
}

/** CHECKED_IN → CHECKED_OUT: the person left, not before they arrived. */
export async function checkOut(ctx: FacilitiesContext, input: CheckOutInput): Promise<Placement> {
  const updated = await ctx.db.transaction(async (tx) => {
    const placement = await lockPlacement(ctx, tx, input.placementId, SCOPES.PLACEMENT_WRITE);
    refuseUnlessAllowed(placement, PlacementStatus.CHECKED_OUT);
    const at = eventTime(input.at, "input.at");
    const checkInAt = placement.checkInAt as Date;
    if (at.getTime() < checkInAt.getTime()) {
      throw badUserInput(
        `The check-out time ${at.toISOString()} is before the check-in at ${checkInAt.toISOString()}.`,
        { argument: "input.at" },
      );
    }
    const changes = { status: PlacementStatus.CHECKED_OUT, checkOutAt: at, checkOutReason: input.reason };
    await tx.update(Placement, { id: placement.id }, changes);
    return Object.assign(placement, changes);
  });
  forgetAfterWrite(ctx, updated);
  return updated;
}

/** PLANNED → CANCELLED: the reserved place is freed. */
export async function cancelPlacement(ctx: FacilitiesContext, input: CancelPlacementInput): Promise<Placement> {
  const updated = await ctx.db.transaction(async (tx) => {
    const placement = await lockPlacement(ctx, tx, input.placementId, SCOPES.PLACEMENT_WRITE);
    refuseUnlessAllowed(placement, PlacementStatus.CANCELLED);
    const changes = { status: PlacementStatus.CANCELLED, cancelledAt: new Date(), cancellationReason: input.reason };
    await tx.update(Placement, { id: placement.id }, changes);
    return Object.assign(placement, changes);
  });
  forgetAfterWrite(ctx, updated);
  return updated;
}

/**
 * Reads a placement the viewer may change under `scope` and locks its row until the transaction
 * ends. The rule is in the statement: a restricted writer (facility staff) reads and locks only
 * the placements of its rule, so any other id, existing or not, is FORBIDDEN with the same
 * message (they learn nothing about placements elsewhere); a writer of every placement gets
 * NOT_FOUND for an unknown id.
 */
function lockPlacement(
  ctx: FacilitiesContext,
  tx: EntityManager,
  id: string,
  scope: typeof SCOPES.PLACEMENT_WRITE | typeof SCOPES.PLACEMENT_CONFIRM,
): Promise<Placement> {
  return ctx.access.lockForWrite(tx, Placement, PlacementRecords, scope, id, {
    what: "Placement",
    message: OUTSIDE_PLACEMENT_RULE,
  });
}

/** A write outside the writer's record rule: the same words whatever the reason, so they teach nothing. */
const OUTSIDE_PLACEMENT_RULE =
  "Facility staff change placements only at their own facility (their token's facility_id), and place only people an MIA officer has placed there.";

function refuseUnlessAllowed(placement: Placement, to: PlacementStatus): void {
  if (canMovePlacement(placement.status, to)) return;
  const allowed = NEXT_PLACEMENT_STATUSES[placement.status];
  throw badUserInput(
    `Placement ${placement.id} cannot move from ${placement.status} to ${to}. ` +
      (allowed.length ? `Allowed next: ${allowed.join(", ")}.` : `${placement.status} is final.`),
    { from: placement.status, to, allowed },
  );
}

function alreadyPlaced(caseId: string, placementId?: string) {
  return badUserInput(
    `Case ${caseId} already has an open placement (planned or checked in); check it out or cancel it ` +
      `before placing the case again.`,
    { argument: "input.caseId", ...(placementId ? { placementId } : {}) },
  );
}

/** The time an event happened: now unless given; a recorded event cannot lie in the future. */
function eventTime(given: Date | null | undefined, argument: string): Date {
  const now = new Date();
  if (!given) return now;
  if (given.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badUserInput(`\`${argument}\` cannot be in the future; got ${given.toISOString()}.`, { argument });
  }
  return given;
}

/** After a write, this request's loaders must not answer from what they read before it. */
function forgetAfterWrite(ctx: FacilitiesContext, placement: Placement): void {
  ctx.loaders.placementById.clear(placement.id).prime(placement.id, placement);
  ctx.loaders.placementsByCaseId.clear(placement.caseId);
  ctx.loaders.currentPlacementByCaseId.clear(placement.caseId);
  ctx.loaders.occupancyByFacilityId.clear(placement.facilityId);
  ctx.loaders.placementPageByFacility.clearAll();
}
