import type { Context } from '../context';
import { UsageError } from '../errors';
import type { Service } from '../api/client';
import { bindingEntry, bindingNameProblem, defaultBindingName, jsoncSnippet, noBindingName, PER_ENVIRONMENT_NOTE, tomlSnippet } from '../service/binding';

/**
 * The binding name: --binding, else one derived from the service name. With --wrangler-config a
 * name is required (asked for on a terminal when the service name gives none) and checked against
 * the file, so a collision stops the create before it is sent.
 */
export async function bindingFor(ctx: Context, opts: { binding?: string; wranglerConfig?: string }, name: string, editing: boolean): Promise<string | undefined> {
  let binding = opts.binding?.trim() || defaultBindingName(name);
  if (!editing) return binding;
  if (binding === undefined) {
    if (!ctx.canPrompt) throw new UsageError(noBindingName(name));
    const prompter = await ctx.prompter();
    binding = (await prompter.input({ message: 'Binding name for the Worker (--binding):', validate: (v) => bindingNameProblem(v.trim()) ?? true })).trim();
  }
  await (await import('../io/wrangler-config')).checkWranglerConfig(opts.wranglerConfig as string, binding);
  return binding;
}

/** The vpc_services entry: pasted by hand from stderr, or written into a wrangler.jsonc. */
export async function wireBinding(ctx: Context, service: Service, binding: string, configPath: string | undefined) {
  const entry = bindingEntry(binding, service.service_id);
  if (configPath !== undefined) {
    const { addBindingToWranglerConfig } = await import('../io/wrangler-config');
    const r = await addBindingToWranglerConfig(configPath, entry);
    if (r.kind === 'toml') {
      ctx.msg.info(`${configPath} is TOML: it was not edited. Add this to it:`);
      ctx.msg.block(`\n${tomlSnippet(entry)}\n`);
    } else {
      ctx.msg.success(`${r.kind === 'unchanged' ? 'already in' : r.kind === 'added' ? 'added to' : 'updated in'} ${configPath}: vpc_services binding ${binding}`);
    }
    ctx.msg.info(PER_ENVIRONMENT_NOTE);
    return;
  }
  if (!ctx.msg.isTTY) return;
  ctx.msg.block(
    `\nTo use it from a Worker, add to wrangler.jsonc:\n\n${jsoncSnippet(entry)}\n\nor to wrangler.toml:\n\n${tomlSnippet(entry)}\n\n${PER_ENVIRONMENT_NOTE}`,
  );
}
