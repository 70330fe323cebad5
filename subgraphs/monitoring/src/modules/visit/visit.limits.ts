/** `Facility.visits` gives the latest visits only: 20 unless asked, never more than 100. */
export const FACILITY_VISITS_DEFAULT = 20;
export const FACILITY_VISITS_MAX = 100;
