import { registerEnumType } from "type-graphql";

export enum AttendanceStatus {
  REGISTERED = "REGISTERED",
  ATTENDED = "ATTENDED",
  PASSED = "PASSED",
  FAILED = "FAILED",
  NO_SHOW = "NO_SHOW",
}

registerEnumType(AttendanceStatus, {
  name: "AttendanceStatus",
  description: "Where an official's attendance of a session stands.",
  valuesConfig: {
    REGISTERED: { description: "Holds a seat; no result recorded yet." },
    ATTENDED: { description: "Took part; assessment result not yet recorded." },
    PASSED: { description: "Passed the assessment; a certificate was issued (final)." },
    FAILED: { description: "Did not pass the assessment (final)." },
    NO_SHOW: { description: "Did not come (final)." },
  },
});
