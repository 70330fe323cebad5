import { TaskForceAgency, agencyNeedsOrg } from "../src/agency";
import { ActionItemStatus } from "../src/modules/action-item/action-item.entity";
import { PENDING_STATUSES, canMoveActionItem } from "../src/modules/action-item/action-item.policy";
import { canChangeMinutes, canPublishMinutes } from "../src/modules/meeting/meeting.policy";
import { AgeingBand, ageingBandOf, daysOverdue, ownLedgers } from "../src/modules/overdue/overdue.policy";

const S = ActionItemStatus;
const DAY = 86_400_000;

describe("action item transitions", () => {
  const ALLOWED = new Set(["OPEN>IN_PROGRESS", "OPEN>DROPPED", "IN_PROGRESS>DONE", "IN_PROGRESS>DROPPED"]);
  const all = Object.values(S);
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    expect(canMoveActionItem(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it("counts only OPEN and IN_PROGRESS as still owed", () => {
    expect([...PENDING_STATUSES].sort()).toEqual([S.IN_PROGRESS, S.OPEN]);
  });
});

describe("minutes", () => {
  const now = new Date("2026-05-10T12:00:00.000Z");
  it("are changed and published only while unpublished, and published only once the meeting is held", () => {
    expect(canChangeMinutes({ minutesPublishedAt: null })).toBe(true);
    expect(canChangeMinutes({ minutesPublishedAt: now })).toBe(false);
    expect(canPublishMinutes({ heldAt: new Date(now.getTime() - DAY), minutesPublishedAt: null }, now)).toBe(true);
    expect(canPublishMinutes({ heldAt: new Date(now.getTime() + DAY), minutesPublishedAt: null }, now)).toBe(false);
    expect(canPublishMinutes({ heldAt: new Date(now.getTime() - DAY), minutesPublishedAt: now }, now)).toBe(false);
  });
});

describe("ageing", () => {
  const asOf = new Date("2026-05-10T12:00:00.000Z");
  it("counts whole days past due", () => {
    expect(daysOverdue(new Date(asOf.getTime() - 1), asOf)).toBe(0);
    expect(daysOverdue(new Date(asOf.getTime() - DAY), asOf)).toBe(1);
    expect(daysOverdue(new Date(asOf.getTime() - 8 * DAY + 1), asOf)).toBe(7);
  });

  it.each([
    [0, AgeingBand.DAYS_0_TO_7],
    [7, AgeingBand.DAYS_0_TO_7],
    [8, AgeingBand.DAYS_8_TO_30],
    [30, AgeingBand.DAYS_8_TO_30],
    [31, AgeingBand.DAYS_31_TO_90],
    [90, AgeingBand.DAYS_31_TO_90],
    [91, AgeingBand.OVER_90_DAYS],
    [4000, AgeingBand.OVER_90_DAYS],
  ])("%i days overdue is %s", (days, band) => {
    expect(ageingBandOf(days)).toBe(band);
  });
});

describe("whose ledger a viewer owns", () => {
  const facility = "5f0c7f63-5a53-4d5e-9a0e-6c2fd3a1b001";
  const body = "5f0c7f63-5a53-4d5e-9a0e-6c2fd3a1b002";
  it.each([
    [["mia_officer"], {}, [{ agency: TaskForceAgency.MIA, orgId: null }]],
    [["dhs_liaison"], {}, [{ agency: TaskForceAgency.DHS, orgId: null }]],
    [["ombudsperson"], {}, [{ agency: TaskForceAgency.OMBUDSPERSON, orgId: null }]],
    [["facility_staff"], { facilityId: facility }, [{ agency: TaskForceAgency.FACILITY_OPERATOR, orgId: facility }]],
    [["monitor"], { orgId: body }, [{ agency: TaskForceAgency.CIVIL_SOCIETY, orgId: body }]],
    [["monitor"], { orgId: "not-a-uuid" }, []],
    [["facility_staff"], {}, []],
    [["auditor", "legal_counsel", "training_admin"], {}, []],
    [
      ["mia_officer", "ombudsperson", "mia_officer"],
      {},
      [
        { agency: TaskForceAgency.MIA, orgId: null },
        { agency: TaskForceAgency.OMBUDSPERSON, orgId: null },
      ],
    ],
  ])("%j %j → %j", (roles, claims, expected) => {
    expect(ownLedgers({ roles, ...claims })).toEqual(expected);
  });

  it("names an organisation exactly for facility operators and civil society", () => {
    expect(Object.values(TaskForceAgency).filter(agencyNeedsOrg)).toEqual([
      TaskForceAgency.FACILITY_OPERATOR,
      TaskForceAgency.CIVIL_SOCIETY,
    ]);
  });
});
