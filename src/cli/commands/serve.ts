import { type Command, InvalidArgumentError, Option } from 'commander';
import { databaseOption } from '../context.js';
import { CLI_DEFAULTS } from '../defaults.js';

export interface BootstrapFlags {
  database?: string;
  preset?: string;
  organization?: string;
  adminUsername?: string;
  adminRole?: string;
  adminAccount?: boolean;
}

export interface ServeFlags extends BootstrapFlags {
  host?: string;
  port?: number;
  publicUrl?: string;
  logLevel?: string;
  metricsToken?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one).');
  return port;
}

/** The options `serve` and `init` share: where the database is and what bootstrap creates in it. */
function bootstrapOptions(command: Command): Command {
  return command
    .addOption(databaseOption())
    .addOption(
      new Option(
        '--preset <name>',
        `preset loaded into an empty database (default: $TESSERA_PRESET, else ${CLI_DEFAULTS.preset})`,
      ).choices(CLI_DEFAULTS.presets),
    )
    .option(
      '--organization <name>',
      `home organization created on the first start (default: $TESSERA_ORGANIZATION, else ${CLI_DEFAULTS.organization})`,
    )
    .option(
      '--admin-username <name>',
      `super-admin account created on the first start (default: $TESSERA_ADMIN_USERNAME, else ${CLI_DEFAULTS.adminUsername}); its password comes from $TESSERA_ADMIN_PASSWORD or is generated and shown once`,
    )
    .option('--admin-role <name>', "name of the admin role (default: $TESSERA_ADMIN_ROLE, else the preset's)")
    .option(
      '--no-admin-account',
      'create the admin role but no admin account (default: $TESSERA_CREATE_ADMIN_ACCOUNT)',
    );
}

export function registerServe(program: Command): void {
  bootstrapOptions(
    program
      .command('serve')
      .description(
        'Start the Tessera server: bootstraps a new database on the first start, then serves the API, its docs and the console.',
      ),
  )
    .option('--host <address>', `address to listen on (default: $TESSERA_HOST, else ${CLI_DEFAULTS.host})`)
    .option(
      '--port <number>',
      `port to listen on; 0 picks a free one (default: $TESSERA_PORT, else ${CLI_DEFAULTS.port})`,
      parsePort,
    )
    .option(
      '--public-url <url>',
      'address people reach the server at: the OAuth issuer, and links in invitations and the console (default: $TESSERA_PUBLIC_URL, else the listen address)',
    )
    .option(
      '--log-level <level>',
      `request log level: fatal, error, warn, info, debug, trace or silent (default: $TESSERA_LOG_LEVEL, else ${CLI_DEFAULTS.logLevel})`,
    )
    .option(
      '--metrics-token <token>',
      '/metrics then requires "Authorization: Bearer <token>" (default: $TESSERA_METRICS_TOKEN, else /metrics is open)',
    )
    .action(async (flags: ServeFlags, command: Command) => (await import('../run/serve.js')).serve(flags, command));

  bootstrapOptions(
    program
      .command('init')
      .description(
        'Bootstrap a database without serving: load the preset, create the home organization and the admin account.',
      ),
  ).action(async (flags: BootstrapFlags, command: Command) => (await import('../run/serve.js')).init(flags, command));
}
