import { Random } from "./random";

/**
 * The synthetic programme every subgraph's seed draws from: one plan of ids and events, so that
 * a placement names a case the cases subgraph holds and an officer works at a facility that
 * exists. Synthetic only: names are drawn from short generic lists, never real people.
 */
export const SEED = 20260101;
export const DEFAULT_CASES = 1200;

export type SeedCaseStatus =
  | "NOMINATED"
  | "ACCEPTED"
  | "DECLINED"
  | "IN_TRANSIT"
  | "RECEIVED"
  | "ACCOMMODATED"
  | "ONWARD_RETURN_PLANNED"
  | "RETURNED"
  | "TRANSFERRED"
  | "ABSCONDED"
  | "CLOSED";

export interface SeedPlacement {
  id: string;
  facilityId: string;
  regime: "DETAINED" | "OPEN";
  checkInAt: Date;
  checkOutAt: Date | null;
}

export interface SeedCase {
  id: string;
  caseNumber: string;
  status: SeedCaseStatus;
  nationality: string;
  ageBand: "UNDER_18" | "AGE_18_25" | "AGE_26_35" | "AGE_36_50" | "OVER_50";
  sex: "F" | "M";
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  languages: string[];
  openedAt: Date;
  arrivedAt: Date | null;
  closedAt: Date | null;
  transferId: string | null;
  assignedOfficerId: string;
  /** Counsel of record (a counsel user id), when the person has one. */
  counselId: string | null;
  /** Vulnerability codes recorded for the person. */
  vulnerabilities: string[];
  placements: SeedPlacement[];
}

export interface SeedTransfer {
  id: string;
  flightNumber: string;
  departureAt: Date;
  arrivalAt: Date;
  handoverAt: Date | null;
  status: "PLANNED" | "HANDED_OVER";
  caseIds: string[];
}

export interface SeedFacility {
  id: string;
  name: string;
  type: "RECEPTION_CENTRE" | "DETENTION_CENTRE" | "SHELTER" | "TRANSIT_CENTRE" | "OPEN_CENTRE";
  municipality: string;
  officialCapacity: number;
}

export interface SeedOfficial {
  id: string;
  givenNames: string;
  familyName: string;
  agency: "MIA" | "KOSOVO_POLICE" | "FACILITY_OPERATOR" | "HEALTH" | "SOCIAL_WELFARE";
  jobRole:
    | "CASE_OFFICER"
    | "BORDER_POLICE"
    | "FACILITY_STAFF"
    | "FACILITY_MANAGER"
    | "MEDICAL_STAFF"
    | "SOCIAL_WORKER"
    | "INTERPRETER";
  facilityId: string | null;
}

export interface SeedMonitoringBody {
  id: string;
  name: string;
  kind: "NPM" | "CIVIL_SOCIETY" | "INTERNATIONAL";
}

export interface SeedWorld {
  random: Random;
  /** "Now" for the seed, fixed so the data does not depend on the day it is made. */
  now: Date;
  agreement: {
    id: string;
    title: string;
    parties: string[];
    termStart: string;
    termEnd: string;
    monthlyCap: number;
    totalCap: number;
  };
  facilities: SeedFacility[];
  officials: SeedOfficial[];
  monitoringBodies: SeedMonitoringBody[];
  counselIds: string[];
  transfers: SeedTransfer[];
  cases: SeedCase[];
}

const GIVEN_M = [
  "Ahmad",
  "Omar",
  "Yusuf",
  "Ali",
  "Hamid",
  "Samir",
  "Karim",
  "Daniel",
  "Juan",
  "Luis",
  "Ivan",
  "Tariq",
  "Nabil",
  "Farid",
  "Emmanuel",
  "Kofi",
  "Arash",
  "Reza",
];
const GIVEN_F = [
  "Amina",
  "Fatima",
  "Layla",
  "Maria",
  "Sara",
  "Nadia",
  "Zainab",
  "Hana",
  "Ana",
  "Lucia",
  "Grace",
  "Mariam",
  "Shirin",
  "Elena",
];
const FAMILY = [
  "Testova",
  "Sampleson",
  "Exemplar",
  "Fictus",
  "Placeholder",
  "Modeli",
  "Probaj",
  "Demoyan",
  "Synthetik",
  "Lorem",
  "Ipsumov",
  "Mockery",
  "Specimen",
  "Dummett",
  "Trialov",
  "Fakhri",
  "Nominal",
  "Imaginary",
];
const NATIONALITIES: readonly (readonly [string, number, string[]])[] = [
  ["AF", 18, ["ps", "fa"]],
  ["IR", 9, ["fa"]],
  ["SY", 8, ["ar"]],
  ["IQ", 6, ["ar", "ku"]],
  ["VE", 10, ["es"]],
  ["CU", 7, ["es"]],
  ["HN", 6, ["es"]],
  ["GT", 5, ["es"]],
  ["RU", 6, ["ru"]],
  ["UA", 3, ["uk", "ru"]],
  ["ER", 5, ["ti"]],
  ["SO", 4, ["so"]],
  ["CN", 5, ["zh"]],
  ["IN", 4, ["hi", "en"]],
  ["NG", 4, ["en"]],
];
const MUNICIPALITIES = ["Prishtinë", "Prizren", "Pejë", "Gjilan", "Ferizaj", "Mitrovicë", "Gjakovë", "Vushtrri"];

export interface WorldOptions {
  cases?: number;
  seed?: number;
}

export function buildWorld(options: WorldOptions = {}): SeedWorld {
  const caseCount = options.cases ?? DEFAULT_CASES;
  const random = new Random(options.seed ?? SEED);
  const r = random.fork("world");
  const now = new Date(Date.UTC(2026, 10, 15, 12, 0, 0));
  const termStart = new Date(Date.UTC(2025, 8, 1));
  const months = 15; // arrivals from September 2025 to November 2026
  const monthlyCap = Math.max(150, Math.ceil((caseCount * 1.1) / months));

  const scale = Math.max(1, caseCount / DEFAULT_CASES);
  const facilityPlan: [SeedFacility["type"], string][] = [
    ["RECEPTION_CENTRE", "Reception Centre"],
    ["DETENTION_CENTRE", "Detention Centre for Foreigners"],
    ["SHELTER", "Shelter for Vulnerable Persons"],
    ["TRANSIT_CENTRE", "Transit Centre"],
    ["OPEN_CENTRE", "Open Centre"],
    ["RECEPTION_CENTRE", "Reception Centre II"],
  ];
  const facilities: SeedFacility[] = facilityPlan.map(([type, label], i) => ({
    id: r.uuid(),
    name: `${label} ${MUNICIPALITIES[i]}`,
    type,
    municipality: MUNICIPALITIES[i],
    officialCapacity: Math.ceil([120, 60, 40, 80, 100, 90][i] * scale),
  }));

  const officials: SeedOfficial[] = [];
  const officialCount = Math.max(320, Math.ceil(320 * Math.sqrt(scale)));
  let staffed = 0; // facility staff are spread over every facility in turn
  for (let i = 0; i < officialCount; i++) {
    const female = r.chance(0.45);
    const facility = i % 3 === 0 ? null : facilities[staffed++ % facilities.length];
    const jobRole: SeedOfficial["jobRole"] = facility
      ? r.weighted([
          ["FACILITY_STAFF", 6],
          ["FACILITY_MANAGER", 1],
          ["MEDICAL_STAFF", 1],
          ["SOCIAL_WORKER", 1],
          ["INTERPRETER", 1],
        ] as const)
      : r.weighted([
          ["CASE_OFFICER", 5],
          ["BORDER_POLICE", 3],
          ["INTERPRETER", 1],
        ] as const);
    const agency: SeedOfficial["agency"] =
      jobRole === "CASE_OFFICER"
        ? "MIA"
        : jobRole === "BORDER_POLICE"
          ? "KOSOVO_POLICE"
          : jobRole === "MEDICAL_STAFF"
            ? "HEALTH"
            : jobRole === "SOCIAL_WORKER"
              ? "SOCIAL_WELFARE"
              : facility
                ? "FACILITY_OPERATOR"
                : "MIA";
    officials.push({
      id: r.uuid(),
      givenNames: female ? r.pick(GIVEN_F) : r.pick(GIVEN_M),
      familyName: r.pick(FAMILY),
      agency,
      jobRole,
      facilityId: facility?.id ?? null,
    });
  }
  const caseOfficers = officials.filter((o) => o.jobRole === "CASE_OFFICER");

  const monitoringBodies: SeedMonitoringBody[] = [
    { id: r.uuid(), name: "Ombudsperson Institution – National Preventive Mechanism", kind: "NPM" },
    { id: r.uuid(), name: "Civil Rights Monitoring Network (synthetic)", kind: "CIVIL_SOCIETY" },
    { id: r.uuid(), name: "Refugee Rights Observatory (synthetic)", kind: "CIVIL_SOCIETY" },
    { id: r.uuid(), name: "International Monitoring Mission (synthetic)", kind: "INTERNATIONAL" },
  ];
  const counselIds = Array.from({ length: Math.max(12, Math.ceil(12 * Math.sqrt(scale))) }, () => r.uuid());

  // Cases: nominated across the term; accepted cases are booked onto weekly transfers, arrive
  // at the transfer's handover, and arrivals stay within the monthly cap.
  const day = 86_400_000;
  const cases: SeedCase[] = [];
  const transfers: SeedTransfer[] = [];
  const arrivalsByMonth = new Map<number, number>();
  const facilityLoad = new Map<string, number>(facilities.map((f) => [f.id, 0]));
  const span = now.getTime() - termStart.getTime() - day;
  let transfer: SeedTransfer | undefined;
  for (let i = 0; i < caseCount; i++) {
    const [nationality, , languages] = r.weighted(NATIONALITIES.map((n) => [n, n[1]] as const));
    const sex = r.chance(0.3) ? "F" : "M";
    const ageBand = r.weighted([
      ["UNDER_18", 1],
      ["AGE_18_25", 5],
      ["AGE_26_35", 7],
      ["AGE_36_50", 4],
      ["OVER_50", 1],
    ] as const);
    const birthYear = { UNDER_18: 2010, AGE_18_25: 2003, AGE_26_35: 1994, AGE_36_50: 1982, OVER_50: 1968 }[ageBand];
    const openedAt = new Date(termStart.getTime() + Math.floor((i / caseCount) * span));
    const age = now.getTime() - openedAt.getTime();
    const id = r.uuid();
    let status: SeedCaseStatus;
    let arrivedAt: Date | null = null;
    let closedAt: Date | null = null;
    let transferId: string | null = null;
    const placements: SeedPlacement[] = [];

    // A transfer leaves 8 days after its first case opened and takes every case accepted in the
    // week after that one; the handover is 16 hours after departure.
    const bookable = !r.chance(0.06) && age >= 5 * day;
    if (
      bookable &&
      (!transfer ||
        openedAt.getTime() - transfer.departureAt.getTime() + 8 * day > 7 * day ||
        transfer.caseIds.length >= 40)
    ) {
      const departureAt = new Date(openedAt.getTime() + 8 * day);
      const handoverAt = new Date(departureAt.getTime() + 16 * 3_600_000);
      transfer = {
        id: r.uuid(),
        flightNumber: `SYN${r.int(100, 999)}`,
        departureAt,
        arrivalAt: new Date(departureAt.getTime() + 14 * 3_600_000),
        handoverAt: handoverAt < now ? handoverAt : null,
        status: handoverAt < now ? "HANDED_OVER" : "PLANNED",
        caseIds: [],
      };
      transfers.push(transfer);
    }
    const handoverAt = transfer ? new Date(transfer.departureAt.getTime() + 16 * 3_600_000) : null;
    const monthKey = handoverAt ? handoverAt.getUTCFullYear() * 12 + handoverAt.getUTCMonth() : 0;
    const underCap = (arrivalsByMonth.get(monthKey) ?? 0) < monthlyCap;

    if (age < 5 * day || (bookable && !underCap)) {
      status = age < 3 * day ? "NOMINATED" : "ACCEPTED";
    } else if (!bookable) {
      status = "DECLINED";
      closedAt = new Date(openedAt.getTime() + 5 * day);
    } else if (transfer && handoverAt && handoverAt >= now) {
      status = "IN_TRANSIT";
      transfer.caseIds.push(id);
      transferId = transfer.id;
    } else {
      transfer!.caseIds.push(id);
      transferId = transfer!.id;
      arrivedAt = handoverAt!;
      arrivalsByMonth.set(monthKey, (arrivalsByMonth.get(monthKey) ?? 0) + 1);
      const stay = r.int(20, 200) * day;
      const ended = arrivedAt.getTime() + stay < now.getTime();
      status = ended
        ? r.weighted([
            ["RETURNED", 70],
            ["TRANSFERRED", 10],
            ["ABSCONDED", 8],
            ["CLOSED", 12],
          ] as const)
        : r.weighted([
            ["ACCOMMODATED", 6],
            ["ONWARD_RETURN_PLANNED", 3],
          ] as const);
      if (ended) closedAt = new Date(arrivedAt.getTime() + stay);
      // Placement: mostly reception and open centres; some to the shelter, a few detained.
      const first =
        facilities[
          r.weighted([
            [0, 30],
            [1, 6],
            [2, 15],
            [3, 15],
            [4, 17],
            [5, 17],
          ] as const)
        ];
      const candidates = [first, ...facilities].filter(
        (f) => ended || (facilityLoad.get(f.id) ?? 0) < f.officialCapacity,
      );
      const facility = candidates[0];
      if (facility) {
        if (!ended) facilityLoad.set(facility.id, (facilityLoad.get(facility.id) ?? 0) + 1);
        placements.push({
          id: r.uuid(),
          facilityId: facility.id,
          regime: facility.type === "DETENTION_CENTRE" ? "DETAINED" : "OPEN",
          checkInAt: arrivedAt,
          checkOutAt: closedAt,
        });
      } else {
        status = "RECEIVED";
      }
    }
    const minor = ageBand === "UNDER_18";
    const vulnerabilities = minor
      ? [r.chance(0.4) ? "UNACCOMPANIED_MINOR" : "MINOR"]
      : r.chance(0.16)
        ? [r.pick(["MEDICAL", "MENTAL_HEALTH", "TORTURE_SURVIVOR", "TRAFFICKING", "PREGNANCY", "DISABILITY", "LGBTI"])]
        : [];
    cases.push({
      id,
      caseNumber: `RKS-${openedAt.getUTCFullYear()}-${String(i + 1).padStart(6, "0")}`,
      status,
      nationality,
      ageBand,
      sex,
      givenNames: sex === "F" ? r.pick(GIVEN_F) : r.pick(GIVEN_M),
      familyName: r.pick(FAMILY),
      dateOfBirth: `${birthYear + r.int(-3, 3)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
      languages: [...languages, ...(r.chance(0.3) ? ["en"] : [])].filter((l, k, all) => all.indexOf(l) === k),
      openedAt,
      arrivedAt,
      closedAt,
      transferId,
      assignedOfficerId: r.pick(caseOfficers).id,
      counselId: arrivedAt && r.chance(0.4) ? r.pick(counselIds) : null,
      vulnerabilities,
      placements,
    });
  }
  // A transfer nobody ended up on (every case on it declined or over the cap) is not recorded.
  const booked = transfers.filter((t) => t.caseIds.length > 0);

  return {
    random,
    now,
    agreement: {
      id: r.uuid(),
      title: "Arrangement on the temporary reception of third-country nationals (synthetic)",
      parties: ["United States of America", "Republic of Kosovo"],
      termStart: "2025-09-01",
      termEnd: "2027-08-31",
      monthlyCap,
      totalCap: Math.max(3600, Math.ceil(caseCount * 1.2)),
    },
    facilities,
    officials,
    monitoringBodies,
    counselIds,
    transfers: booked,
    cases,
  };
}
