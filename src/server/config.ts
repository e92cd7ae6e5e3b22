import { DEFAULT_PRESET } from '../presets/index.js';

/** How a Tessera server is configured; `tessera serve` fills it from flags and `TESSERA_*` variables. */
export interface ServerSettings {
  /** A SQLite file path, or a `postgres://` URL. */
  readonly database: string;
  /** The preset loaded into an empty database. */
  readonly preset: string;
  /** Whether `preset` was asked for (a flag or TESSERA_PRESET): then a database holding another one is refused. */
  readonly presetExplicit?: boolean;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The home organization bootstrap creates (the installation's own tenant). */
  readonly organization: string;
  /** The super-admin account bootstrap creates (WSO2 `username`). */
  readonly adminUsername: string;
  /** Its password; when absent one is generated and shown once. Never a built-in default. */
  readonly adminPassword: string | null;
  /** WSO2 `create_admin_account`: false creates the admin role but no account. */
  readonly createAdminAccount: boolean;
  /** WSO2 `admin_role`: names the admin role (the preset's is renamed). Null keeps the preset's name. */
  readonly adminRole: string | null;
  /** The address people reach the server at: the OAuth issuer, and links (invitations, the console). Null: the listen address. */
  readonly publicUrl: string | null;
  /** Mark the session cookie `Secure` (serve behind HTTPS). */
  readonly secureCookies: boolean;
  readonly sessionTtlMs: number;
  readonly invitationTtlMs: number;
  /** Largest accepted request body, in bytes (documents may be larger: `documentBodyLimit`). */
  readonly bodyLimit: number;
  readonly documentBodyLimit: number;
  /** pino level; `silent` for none. */
  readonly logLevel: string;
  /** When set, `/metrics` requires `Authorization: Bearer <token>`; when absent or null it is open. */
  readonly metricsToken?: string | null;
  /** Where mail goes: an `smtp://` or `smtps://` URL (nodemailer's). Absent or null: the development outbox. */
  readonly smtpUrl?: string | null;
  /** The From address of the mail Tessera sends. Default `Tessera <tessera@localhost>`. */
  readonly mailFrom?: string | null;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  database: './tessera-data/tessera.db',
  preset: DEFAULT_PRESET,
  host: '127.0.0.1',
  port: 8080,
  organization: 'default',
  adminUsername: 'admin',
  adminPassword: null,
  createAdminAccount: true,
  adminRole: null,
  publicUrl: null,
  secureCookies: false,
  sessionTtlMs: 12 * 3600_000,
  invitationTtlMs: 7 * 86_400_000,
  bodyLimit: 1024 * 1024,
  documentBodyLimit: 32 * 1024 * 1024,
  logLevel: 'warn',
};

/** The settings taken from `TESSERA_*` environment variables, over the defaults; flags go on top. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Partial<ServerSettings> {
  const settings: { -readonly [K in keyof ServerSettings]?: ServerSettings[K] } = {};
  if (env.TESSERA_DATABASE) settings.database = env.TESSERA_DATABASE;
  if (env.TESSERA_PRESET) {
    settings.preset = env.TESSERA_PRESET;
    settings.presetExplicit = true;
  }
  if (env.TESSERA_HOST) settings.host = env.TESSERA_HOST;
  if (env.TESSERA_PORT) settings.port = Number(env.TESSERA_PORT);
  if (env.TESSERA_ORGANIZATION) settings.organization = env.TESSERA_ORGANIZATION;
  if (env.TESSERA_ADMIN_USERNAME) settings.adminUsername = env.TESSERA_ADMIN_USERNAME;
  if (env.TESSERA_ADMIN_PASSWORD) settings.adminPassword = env.TESSERA_ADMIN_PASSWORD;
  if (env.TESSERA_CREATE_ADMIN_ACCOUNT) settings.createAdminAccount = env.TESSERA_CREATE_ADMIN_ACCOUNT !== 'false';
  if (env.TESSERA_ADMIN_ROLE) settings.adminRole = env.TESSERA_ADMIN_ROLE;
  if (env.TESSERA_PUBLIC_URL) settings.publicUrl = env.TESSERA_PUBLIC_URL;
  if (env.TESSERA_SECURE_COOKIES) settings.secureCookies = env.TESSERA_SECURE_COOKIES === 'true';
  if (env.TESSERA_LOG_LEVEL) settings.logLevel = env.TESSERA_LOG_LEVEL;
  if (env.TESSERA_METRICS_TOKEN) settings.metricsToken = env.TESSERA_METRICS_TOKEN;
  if (env.TESSERA_SMTP_URL) settings.smtpUrl = env.TESSERA_SMTP_URL;
  if (env.TESSERA_MAIL_FROM) settings.mailFrom = env.TESSERA_MAIL_FROM;
  return settings;
}
