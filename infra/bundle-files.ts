// `node --import tsx infra/bundle-files.ts <function name> <directory>`: writes the files a
// function's bundle carries beside it (`bundleExtras` in infra/bundling.ts) into the directory.
// The stacks' bundling runs it after esbuild (HouseFunction's afterBundling hook).
import { bundleExtras, writeBundleFiles } from './bundling';

const [functionName, directory] = process.argv.slice(2);
if (!functionName || !directory) throw new Error('usage: bundle-files.ts <function name> <directory>');
writeBundleFiles(bundleExtras(functionName), directory);
