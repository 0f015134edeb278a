import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, examples } from './options';
import type { LoginOptions, StatusOptions } from './auth.run';

export function defineAuth(record: RecordRun): Command {
  const auth = new Command('auth').description('Manage stored credentials (profiles)');

  const login = new Command('login')
    .description('Store an API token (or global API key) in a profile, after checking it works')
    .addOption(new Option('--token-stdin', 'read an API token from stdin').helpGroup('Credential:'))
    .addOption(new Option('--email <email>', 'the email of a global API key').helpGroup('Credential:'))
    .addOption(new Option('--key-stdin', 'read a global API key from stdin (with --email)').helpGroup('Credential:'))
    .addOption(new Option('--no-verify', 'store without asking the API whether it works').helpGroup('Credential:'));
  addGlobalOptions(login);
  login.addHelpText(
    'after',
    examples([
      'vpcsvc auth login                                   # asks for the method and the secret',
      'printf %s "$CF_TOKEN" | vpcsvc auth login --token-stdin',
      'vpcsvc auth login --profile staging --email me@example.com --key-stdin < key.txt',
    ]),
  );
  login.action((opts: LoginOptions) => record(async (ctx) => (await import('./auth.run')).runLogin(ctx, opts)));

  const status = new Command('status')
    .description('Show which credential and account would be used, and whether the credential works')
    .addOption(new Option('--json', 'print the status as JSON').helpGroup('Output:'))
    .addOption(new Option('--no-verify', 'do not ask the API').helpGroup('Output:'));
  addGlobalOptions(status);
  status.addHelpText('after', examples(['vpcsvc auth status', 'vpcsvc auth status --profile staging --json']));
  status.action((opts: StatusOptions) => record(async (ctx) => (await import('./auth.run')).runStatus(ctx, opts)));

  const logout = new Command('logout').description("Remove the profile's stored credentials");
  addGlobalOptions(logout);
  logout.addHelpText('after', examples(['vpcsvc auth logout', 'vpcsvc auth logout --profile staging']));
  logout.action(() => record(async (ctx) => (await import('./auth.run')).runLogout(ctx)));

  return auth.addCommand(login).addCommand(status).addCommand(logout);
}
