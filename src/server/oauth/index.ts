export { SIGNING_ALGORITHM, type SigningKeyOptions, SigningKeys } from './keys.js';
export { OAuthError, oauthRoutes } from './routes.js';
export {
  ACCESS_TOKEN_AUDIENCE,
  type AccessTokenClaims,
  type OAuthClient,
  type OAuthOptions,
  OAuthTokens,
  oauthTokensOf,
  verifyAccessToken,
} from './tokens.js';
export { issuerOf, setListenUrl } from './issuer.js';
