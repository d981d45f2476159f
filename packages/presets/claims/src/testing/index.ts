/** @ringlane/claims/testing: the claims source's contract, for each engine that serves it. */
export { describeClaimsSourceConformance, type ClaimsSourceFixture } from './claims-source.js'
