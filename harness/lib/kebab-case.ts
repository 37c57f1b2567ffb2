// One spelling of a kebab-case name (scenarios, suites, policies, a target's own checks):
// lowercase letters and digits in words joined by single hyphens, e.g. "db-outage-under-load".
export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
