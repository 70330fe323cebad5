import type { Viewer } from "@kgraph/platform";
import { scopesOf } from "@kgraph/policy";
import { DHS_AUTHORITY, MIA_AUTHORITY, namesAuthority } from "../src/authorities";
import { complaintReadCondition, complaintReadScope } from "../src/modules/complaint/complaint.policy";
import {
  incidentReadScope,
  incidentWriteCondition,
  incidentWriteScope,
  mayRecordIncidentAt,
} from "../src/modules/incident/incident.policy";
import { respondCondition, respondScope } from "../src/modules/recommendation/recommendation.policy";
import {
  mayWriteForBody,
  monitoringWriteCondition,
  monitoringWriteScope,
  visitReadCondition,
  visitReadScope,
} from "../src/modules/visit/visit.policy";

const SUB = "6a1f0c2e-8d51-4c47-9a43-2f4a3c1b9e01";
const ORG = "0b3e9d4c-2a6f-4e1b-8c7d-5f9a1e2b3c4d";
const FACILITY = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

function viewer(roles: string[], claims: Partial<Viewer> = {}): Viewer {
  return { sub: SUB, roles, scopes: scopesOf(roles), public: false, ...claims };
}
const PUBLIC: Viewer = { roles: [], scopes: [], public: true };

describe("authorities named in free text", () => {
  it.each([
    ["MIA", "MIA", true],
    ["Ministry of Internal Affairs – Inspectorate", "MIA", true],
    ["ministry of internal affairs", "MIA", true],
    ["Inspectorate (MIA)", "MIA", true],
    ["Miami field office", "MIA", false],
    ["Police Inspectorate", "MIA", false],
    ["DHS", "DHS", true],
    ["US DHS / ICE", "DHS", true],
    ["U.S. Department of Homeland Security", "DHS", true],
    ["Department for Citizenship, Asylum and Migration", "DHS", false],
    ["Ministry of Internal Affairs", "DHS", false],
    ["DHSS regional office", "DHS", false],
  ])("%j names %s: %s", (text, authority, expected) => {
    expect(namesAuthority(text, authority === "MIA" ? MIA_AUTHORITY : DHS_AUTHORITY)).toBe(expected);
  });
});

describe("visitReadScope", () => {
  it("lets every role read every visit, and the public only published ones", () => {
    for (const role of ["mia_officer", "monitor", "training_admin", "auditor"]) {
      expect(visitReadScope(viewer([role]))).toEqual({ kind: "all" });
    }
    expect(visitReadScope(PUBLIC)).toEqual({ kind: "published" });
    expect(visitReadScope(viewer([]))).toEqual({ kind: "published" });
    expect(visitReadCondition({ kind: "all" }, "v", "id")).toBeNull();
    expect(visitReadCondition({ kind: "published" }, "v", "id")).toEqual({
      sql: "v.status = :publishedVisit",
      params: { publishedVisit: "REPORT_PUBLISHED" },
    });
    expect(visitReadCondition({ kind: "published" }, "f")?.sql).toContain("pv.id = f.visit_id");
  });
});

describe("monitoringWriteScope", () => {
  it("narrows a monitor to their body, leaves the Ombudsperson unrestricted, and refuses the rest", () => {
    expect(monitoringWriteScope(viewer(["monitor"], { orgId: ORG }))).toEqual({ kind: "body", bodyId: ORG });
    expect(monitoringWriteScope(viewer(["monitor"]))).toEqual({ kind: "none" });
    expect(monitoringWriteScope(viewer(["monitor"], { orgId: "not-a-uuid" }))).toEqual({ kind: "none" });
    expect(monitoringWriteScope(viewer(["ombudsperson"]))).toEqual({ kind: "all" });
    expect(monitoringWriteScope(viewer(["monitor", "ombudsperson"], { orgId: ORG }))).toEqual({ kind: "all" });
    expect(monitoringWriteScope(viewer(["mia_officer", "facility_staff"]))).toEqual({ kind: "none" });
    expect(monitoringWriteScope(PUBLIC)).toEqual({ kind: "none" });
  });

  it("turns the scope into SQL on the visit, or on a recommendation's visit", () => {
    expect(monitoringWriteCondition({ kind: "all" }, "v")).toBeNull();
    expect(monitoringWriteCondition({ kind: "none" }, "v")?.sql).toBe("FALSE");
    expect(monitoringWriteCondition({ kind: "body", bodyId: ORG }, "v")).toEqual({
      sql: "v.body_id = :writerBodyId",
      params: { writerBodyId: ORG },
    });
    const onRecommendation = monitoringWriteCondition({ kind: "body", bodyId: ORG }, "r", "visit_id");
    expect(onRecommendation?.sql).toContain("wv.id = r.visit_id AND wv.body_id = :writerBodyId");
    expect(mayWriteForBody({ kind: "body", bodyId: ORG }, ORG)).toBe(true);
    expect(mayWriteForBody({ kind: "body", bodyId: ORG }, FACILITY)).toBe(false);
    expect(mayWriteForBody({ kind: "all" }, FACILITY)).toBe(true);
    expect(mayWriteForBody({ kind: "none" }, ORG)).toBe(false);
  });
});

describe("respondScope", () => {
  it("gives facility staff their facility, the DHS liaison DHS-addressed ones, the MIA all, and unions several roles", () => {
    expect(respondScope(viewer(["mia_officer"]))).toEqual({ kind: "all" });
    expect(respondScope(viewer(["facility_staff"], { facilityId: FACILITY }))).toEqual({
      kind: "limited",
      facilityId: FACILITY,
      addressedToDhs: false,
    });
    expect(respondScope(viewer(["facility_staff"]))).toEqual({ kind: "none" });
    expect(respondScope(viewer(["dhs_liaison"]))).toEqual({
      kind: "limited",
      facilityId: undefined,
      addressedToDhs: true,
    });
    expect(respondScope(viewer(["facility_staff", "dhs_liaison"], { facilityId: FACILITY }))).toEqual({
      kind: "limited",
      facilityId: FACILITY,
      addressedToDhs: true,
    });
    expect(respondScope(viewer(["dhs_liaison", "mia_officer"]))).toEqual({ kind: "all" });
    expect(respondScope(viewer(["monitor", "ombudsperson"]))).toEqual({ kind: "none" });
    expect(respondScope(PUBLIC)).toEqual({ kind: "none" });
  });

  it("turns the scope into SQL", () => {
    expect(respondCondition({ kind: "all" }, "r")).toBeNull();
    expect(respondCondition({ kind: "none" }, "r")?.sql).toBe("FALSE");
    expect(respondCondition({ kind: "limited", facilityId: FACILITY, addressedToDhs: true }, "r")).toEqual({
      sql: "(r.facility_id = :responderFacilityId) OR (r.addressee ~* :dhsAuthority)",
      params: { responderFacilityId: FACILITY, dhsAuthority: DHS_AUTHORITY },
    });
  });
});

describe("incident scopes", () => {
  it("lets every role read incidents and the public none", () => {
    expect(incidentReadScope(viewer(["training_admin"]))).toEqual({ kind: "all" });
    expect(incidentReadScope(PUBLIC)).toEqual({ kind: "none" });
  });

  it("narrows facility staff's writes to their facility; MIA and Ombudsperson write everywhere", () => {
    expect(incidentWriteScope(viewer(["facility_staff"], { facilityId: FACILITY }))).toEqual({
      kind: "facility",
      facilityId: FACILITY,
    });
    expect(incidentWriteScope(viewer(["facility_staff"]))).toEqual({ kind: "none" });
    expect(incidentWriteScope(viewer(["mia_officer"]))).toEqual({ kind: "all" });
    expect(incidentWriteScope(viewer(["facility_staff", "ombudsperson"], { facilityId: FACILITY }))).toEqual({
      kind: "all",
    });
    expect(incidentWriteScope(viewer(["monitor"]))).toEqual({ kind: "none" });
    expect(incidentWriteCondition({ kind: "facility", facilityId: FACILITY }, "i")).toEqual({
      sql: "i.facility_id = :writerFacilityId",
      params: { writerFacilityId: FACILITY },
    });
    expect(mayRecordIncidentAt({ kind: "facility", facilityId: FACILITY }, FACILITY)).toBe(true);
    expect(mayRecordIncidentAt({ kind: "facility", facilityId: FACILITY }, ORG)).toBe(false);
  });
});

describe("complaintReadScope", () => {
  it("narrows each role with complaint:read, unions several, and gives the rest nothing", () => {
    expect(complaintReadScope(viewer(["ombudsperson"]))).toEqual({ kind: "all" });
    expect(complaintReadScope(viewer(["monitor"], { orgId: ORG }))).toEqual({
      kind: "limited",
      filedBy: SUB,
      visitedByBodyId: ORG,
      counselId: undefined,
      referredToMia: false,
    });
    expect(complaintReadScope(viewer(["legal_counsel"]))).toEqual({
      kind: "limited",
      filedBy: undefined,
      visitedByBodyId: undefined,
      counselId: SUB,
      referredToMia: false,
    });
    expect(complaintReadScope(viewer(["legal_counsel"], { sub: "counsel-without-uuid" }))).toEqual({ kind: "none" });
    expect(complaintReadScope(viewer(["mia_officer"]))).toMatchObject({ kind: "limited", referredToMia: true });
    expect(complaintReadScope(viewer(["mia_officer", "legal_counsel"]))).toMatchObject({
      kind: "limited",
      counselId: SUB,
      referredToMia: true,
    });
    expect(complaintReadScope(viewer(["monitor", "ombudsperson"], { orgId: ORG }))).toEqual({ kind: "all" });
    for (const role of ["dhs_liaison", "facility_staff", "auditor", "training_admin"]) {
      expect(complaintReadScope(viewer([role]))).toEqual({ kind: "none" });
    }
    expect(complaintReadScope(PUBLIC)).toEqual({ kind: "none" });
  });

  it("turns the scope into one OR of SQL conditions", () => {
    expect(complaintReadCondition({ kind: "all" }, "c")).toBeNull();
    expect(complaintReadCondition({ kind: "none" }, "c")?.sql).toBe("FALSE");
    const all = complaintReadCondition(
      { kind: "limited", filedBy: SUB, visitedByBodyId: ORG, counselId: SUB, referredToMia: true },
      "c",
    )!;
    expect(all.sql.split(" OR ")).toHaveLength(4);
    expect(all.sql).toContain("c.filed_by = :complaintFiledBy");
    expect(all.sql).toContain("cv.body_id = :complaintBodyId AND cv.facility_id = c.facility_id");
    expect(all.sql).toContain("FROM cases.counsel_client cc WHERE cc.counsel_id = :complaintCounselId");
    expect(all.sql).toContain("ce.complaint_id = c.id AND ce.escalated_to ~* :miaAuthority");
    expect(all.params).toEqual({
      complaintFiledBy: SUB,
      complaintBodyId: ORG,
      complaintCounselId: SUB,
      miaAuthority: MIA_AUTHORITY,
    });
  });
});
