/**
 * The defaults help text shows, kept here so `tessera --help` does not load the server to print
 * them (a test keeps them equal to DEFAULT_SETTINGS and PRESETS).
 */
export const CLI_DEFAULTS = {
  database: './tessera-data/tessera.db',
  preset: 'choreo',
  presets: ['choreo', 'wso2-apim', 'akana'],
  host: '127.0.0.1',
  port: 8080,
  organization: 'default',
  adminUsername: 'admin',
  logLevel: 'warn',
} as const;

export const USER_STATUS_CHOICES = ['invited', 'active', 'disabled'] as const;
