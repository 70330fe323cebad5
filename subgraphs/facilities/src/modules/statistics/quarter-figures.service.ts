import {
  FigureUnit,
  type PeopleGroup,
  type PublicFigure,
  QuarterFiguresCache,
  countBreakdownOverPeople,
  figureOverBase,
  publicFigure,
  publishableQuarter,
  startOfQuarter,
  withheldFigure,
} from "@kgraph/platform";
import type { DataSource } from "typeorm";
import type { FacilitiesContext } from "../../context";
import { MIN_BANDED_CAPACITY } from "../facility/facility.policy";
import { PlacementStatus } from "../placement/placement.entity";
import { StatisticsQuarter } from "./quarter-figures.types";

/** The facilities the figures' bound allows for: each has two figures, its municipality at most one more. */
export const FIGURES_FOR_FACILITIES = 150;
export const FACILITY_FIGURES_MAX = 3 * FIGURES_FOR_FACILITIES + 1;

/** Placements whose nights count: the person was (or is) there; planned and cancelled ones never were. */
const STAYED = [PlacementStatus.CHECKED_IN, PlacementStatus.CHECKED_OUT];

const CAPACITY = { indicator: "official_capacity", label: "Official capacity (places)", unit: FigureUnit.COUNT };
const OCCUPANCY = {
  indicator: "occupancy_rate_mean",
  label: "Mean nightly occupancy (share of the official capacity)",
  unit: FigureUnit.RATE,
};
const NIGHTS = { indicator: "resident_nights", label: "Resident-nights", unit: FigureUnit.COUNT };

/** A facility with its nights and residents in the quarter. */
interface FacilityNights {
  id: string;
  name: string;
  municipality: string;
  officialCapacity: number;
  nights: number;
  residents: number;
}

/** What the quarter's two aggregate statements return. */
interface QuarterFacts {
  facilities: FacilityNights[];
  /** Residents by the set of municipalities they spent nights in. */
  residentsByMunicipalities: { municipalities: string[]; residents: number }[];
}

const facts = new QuarterFiguresCache<QuarterFacts>();

/** `_entities` for StatisticsQuarter: any quarter (a malformed one simply has no figures). */
export function quarterReference(reference: { quarter: string }): StatisticsQuarter {
  return Object.assign(new StatisticsQuarter(), { quarter: String(reference.quarter) });
}

/** The public figures of a quarter that is over (none for one that is not, or a malformed one). */
export async function facilityFigures(ctx: FacilitiesContext, root: StatisticsQuarter): Promise<PublicFigure[]> {
  const quarter = publishableQuarter(root.quarter, ctx.now);
  if (quarter === null) return [];
  const { facilities, residentsByMunicipalities } = await facts.get(ctx.db, quarter, ctx.now.getTime(), () =>
    computeFacts(ctx.db, quarter),
  );
  const nightsInQuarter = Math.round(
    (startOfQuarter(quarter + 1).getTime() - startOfQuarter(quarter).getTime()) / 86_400_000,
  );
  const facilityCell = (cell: typeof CAPACITY, f: FacilityNights) => ({
    ...cell,
    dimension: f.id,
    dimensionLabel: f.name,
  });

  // Public, never withheld.
  const capacities = facilities.map((f) => publicFigure(facilityCell(CAPACITY, f), f.officialCapacity));

  // Every municipality with a facility (public), zero included; small by its residents, not its
  // nights. Only those published above zero are listed.
  const municipalities = [...new Set(facilities.map((f) => f.municipality))].sort(byText);
  const nightsOf = (municipality: string) =>
    facilities.filter((f) => f.municipality === municipality).reduce((n, f) => n + f.nights, 0);
  const groups: PeopleGroup[] = residentsByMunicipalities.map((g) => ({
    parts: g.municipalities.map((m) => municipalities.indexOf(m)),
    people: g.residents,
  }));
  const nights = countBreakdownOverPeople(
    { ...NIGHTS, count: facilities.reduce((n, f) => n + f.nights, 0) },
    municipalities.map((m) => ({ ...NIGHTS, dimension: m, dimensionLabel: m, count: nightsOf(m) })),
    groups,
  );
  // As the public occupancy band: none for a facility under MIN_BANDED_CAPACITY places; none over
  // fewer than 5 residents, whose nights a mean would tell; and none in a municipality whose
  // nights are withheld: rate × nights × capacity would give those nights back, near enough.
  // A municipality is listed only with its nights published above zero (countBreakdownOverPeople).
  const publishedNights = new Set(nights.filter((f) => !f.suppressed && f.dimension).map((f) => f.dimension));
  const withheldMunicipalities = new Set(municipalities.filter((m) => !publishedNights.has(m)));
  const occupancy = facilities.map((f) => {
    const cell = facilityCell(OCCUPANCY, f);
    if (f.officialCapacity < MIN_BANDED_CAPACITY || withheldMunicipalities.has(f.municipality)) {
      return withheldFigure(cell);
    }
    const mean = f.nights / (nightsInQuarter * f.officialCapacity);
    return figureOverBase(cell, Math.round(mean * 20) / 20, f.residents);
  });

  return [...capacities, ...occupancy, ...nights];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The quarter's nights per facility and residents per set of municipalities, in two aggregate
 * statements. A placement checked in on UTC day d and out on day e covers the nights d to e − 1
 * (one still open, to the quarter's end: the quarter is over); its nights in the quarter are
 * those from the quarter's first day to its last. A resident counts where they spent a night.
 */
async function computeFacts(db: DataSource, quarter: number): Promise<QuarterFacts> {
  const from = startOfQuarter(quarter).toISOString();
  const to = startOfQuarter(quarter + 1).toISOString();
  const stays = `
    SELECT p.case_id, p.facility_id,
           least(coalesce((p.check_out_at AT TIME ZONE 'UTC')::date, CAST($2 AS date)), CAST($2 AS date))
             - greatest((p.check_in_at AT TIME ZONE 'UTC')::date, CAST($1 AS date)) AS nights
      FROM facilities.placement p
     WHERE p.status = ANY($3) AND p.check_in_at IS NOT NULL
       AND p.check_in_at < CAST($4 AS timestamptz)
       AND (p.check_out_at IS NULL OR p.check_out_at >= CAST($5 AS timestamptz))`;
  const params = [from.slice(0, 10), to.slice(0, 10), STAYED, to, from];
  const [facilities, groups] = await Promise.all([
    db.query(
      `WITH stays AS (${stays})
       SELECT f.id, f.name, f.municipality, f.official_capacity AS "officialCapacity",
              coalesce(sum(s.nights), 0)::int AS nights, count(DISTINCT s.case_id)::int AS residents
         FROM facilities.facility f
         LEFT JOIN stays s ON s.facility_id = f.id AND s.nights > 0
        GROUP BY f.id
        ORDER BY f.id`,
      params,
    ) as Promise<FacilityNights[]>,
    db.query(
      `WITH stays AS (${stays}),
            resident AS (
              SELECT s.case_id, array_agg(DISTINCT f.municipality ORDER BY f.municipality) AS municipalities
                FROM stays s JOIN facilities.facility f ON f.id = s.facility_id
               WHERE s.nights > 0
               GROUP BY s.case_id)
       SELECT municipalities, count(*)::int AS residents FROM resident GROUP BY municipalities`,
      params,
    ) as Promise<{ municipalities: string[]; residents: number }[]>,
  ]);
  return { facilities, residentsByMunicipalities: groups };
}
