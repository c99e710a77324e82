import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { esbuildOptions } from '../infra/bundling';
import { redact } from './redact';
import { originalStack } from './stack-traces';

// A bundle built as deployed (minified, its map beside it), run without --enable-source-maps, as
// functions run: its stack names only the bundle's one long line until it is mapped.
const SOURCE = ['export const fail = (): never => {', "  throw new Error('the probe failed');", '};', ''].join('\n');

describe('the stack of a logged error', () => {
  let scratch: string;
  let bundleUrl: string;
  let stack: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'stack-traces-'));
    const source = join(scratch, 'shared', 'probe.ts');
    mkdirSync(join(scratch, 'shared'));
    writeFileSync(source, SOURCE);
    const bundle = join(scratch, 'bundle', 'index.mjs');
    buildSync({ ...esbuildOptions, entryPoints: [source], outfile: bundle, absWorkingDir: scratch, logLevel: 'silent' });
    bundleUrl = pathToFileURL(bundle).href;
    stack = execFileSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(bundleUrl)}).then((m) => { try { m.fail(); } catch (e) { console.log(e.stack); } });`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('names the source file, line and column instead of the bundle', () => {
    // Prepare: the bundle's own location is what the process printed.
    expect(stack).toContain(`${bundleUrl}:`);

    // Act
    const mapped = originalStack(stack);

    // Assert
    expect(mapped).toContain('Error: the probe failed');
    expect(mapped).toMatch(/at \S+ \(shared\/probe\.ts:2:\d+\)/);
    expect(mapped).not.toContain(bundleUrl);
  });

  it('is mapped when an error is logged', () => {
    // Prepare
    const error = new Error('the probe failed');
    error.stack = stack;

    // Act
    const logged = redact(error) as { stack: string };

    // Assert
    expect(logged.stack).toMatch(/at \S+ \(shared\/probe\.ts:2:\d+\)/);
  });

  it('loads beside the bundle banner, which declares `createRequire` too, minified or not', () => {
    // Prepare: a bundle of this module, unminified, so that esbuild keeps the names it imports.
    const probe = join(scratch, 'uses-stack-traces.ts');
    writeFileSync(probe, `import { originalStack } from ${JSON.stringify(join(__dirname, 'stack-traces'))};\nconsole.log(typeof originalStack);\n`);
    const bundle = join(scratch, 'unminified', 'index.mjs');
    buildSync({ ...esbuildOptions, minify: false, entryPoints: [probe], outfile: bundle, absWorkingDir: scratch, logLevel: 'silent' });

    // Act
    const printed = execFileSync(process.execPath, [bundle], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

    // Assert
    expect(printed.trim()).toBe('function');
  });

  it('leaves a location without a map beside it as it is', () => {
    // Prepare
    const elsewhere = '    at run (file:///nowhere/index.mjs:1:200)';

    // Act & Assert
    expect(originalStack(`Error: x\n${elsewhere}`)).toBe(`Error: x\n${elsewhere}`);
  });
});
