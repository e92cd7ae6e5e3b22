export { createGateway, type Gateway, type GatewayOptions, type Outcome } from './gateway.js';
export { tesseraFastify, type FastifyResourceOf, type TesseraFastify, type TesseraPreHandler } from './fastify.js';
export { tesseraExpress, type ExpressResourceOf, type TesseraExpress } from './express.js';
export {
  createPermissionChecker,
  CheckError,
  type PermissionChecker,
  type PermissionCheckerOptions,
  type Resource,
  type ResourceReference,
} from './permissions.js';
export { PROBLEM_BASE, PROBLEM_CONTENT_TYPE, type ProblemDocument, type Refusal } from './problems.js';
export {
  bearerToken,
  createVerifier,
  TokenError,
  type TesseraAuth,
  type TesseraClaims,
  type Verifier,
  type VerifierOptions,
} from './verifier.js';
