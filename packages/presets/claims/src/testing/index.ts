/** @ringlane/claims/testing: the claims source's contract, for each engine that serves it. */
export { type ClaimsSourceFixture, describeClaimsSourceConformance } from './claims-source.js'
