import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFormatCommands, type FormatCliConfig } from '../../src/cli/format-commands.js';
import { grammarConfigSchema, repliesConfigSchema, type GrammarConfigInput } from '../../src/config/grammar-schema.js';

async function run(args: string[], grammar: GrammarConfigInput = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number | undefined;
  const config: FormatCliConfig = { grammar: grammarConfigSchema.parse(grammar), replies: repliesConfigSchema.parse({}) };
  const program = new Command('pulsagate').exitOverride();
  registerFormatCommands(program, () => config, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    setExitCode: (c) => {
      code = c;
    },
  });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

describe('pulsagate format', () => {
  it('list: every format in effect with its example', async () => {
    const { out, code } = await run(['format', 'list']);
    expect(code).toBe(0);
    expect(out).toContain('MP.<downline>.<markups>.<pin>');
    expect(out).toContain('e.g. MP.OX0003.S5=50,S10=75.1234');
    expect(out).toContain('SAL.<pin>  (also S)');
    expect(out.match(/e\.g\. /g)).toHaveLength(25);
  });

  it('test: prints the command as JSON with the PINs masked, exit 0', async () => {
    const { out, code } = await run(['format', 'test', 'gp.246810.135790']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ kind: 'GantiPin', newPin: '****', pin: '****' });
    expect(out).not.toMatch(/246810|135790/);
  });

  it('test: prints the issue, exit 1', async () => {
    const { out, code } = await run(['format', 'test', 'MP.OX0003.S5=50']);
    expect(code).toBe(1);
    expect(JSON.parse(out).issue).toMatchObject({
      code: 'BAD_FORMAT',
      key: 'UbahMarkupProduk',
      message: 'Format salah. Contoh: MP.OX0003.S5=50,S10=75.1234',
    });
  });

  it('test: never prints the PIN of a refused message either', async () => {
    const { out } = await run(['format', 'test', 'S10.08123456789.0.97531']);
    expect(JSON.parse(out).issue.code).toBe('BAD_VALUE');
    expect(out).not.toContain('97531');
  });

  it('uses the operator variant', async () => {
    const { out, code } = await run(['format', 'test', 'GP#135790#246810'], {
      separators: ['#'],
      requests: { GantiPin: { formats: ['GP.<pin>.<newpin>'] } },
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).kind).toBe('GantiPin');
  });

  it('a broken set: the reason on stderr, exit 2', async () => {
    const { err, code } = await run(['format', 'list'], { separators: ['*'] });
    expect(code).toBe(2);
    expect(err).toContain('separator "*" is also the wildcard');
  });
});
