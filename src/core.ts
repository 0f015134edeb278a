/**
 * Everything a command needs once it runs, behind one lazy import: `--help` and usage errors from
 * commander never load it, and a run loads it as one chunk instead of a dozen small files (each
 * file costs the ES module loader a resolve, a read and a compile).
 */
export { runCreate } from './commands/create.run';
export { runList } from './commands/list.run';
export { runGet } from './commands/get.run';
export { runUpdate } from './commands/update.run';
export { runDelete } from './commands/delete.run';
export { runApply } from './commands/apply.run';
export { runExport } from './commands/export.run';
export { runDoctor } from './commands/doctor.run';
export { runLogin, runStatus, runLogout } from './commands/auth.run';
export { HttpClient } from './api/http';
export { Api, listAccounts } from './api/client';
export { apiBaseUrl } from './api/base-url';
export { nodeTransport } from './api/transport';
export { resolveCredentials } from './credentials/resolve';
export { checkedAccountId } from './credentials/resolve';
export { ProfileStore } from './credentials/store';
