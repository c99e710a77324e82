import type { FunctionAccess } from '../functions/declaration';
import { EnvNames } from '../shared/config';

/** The names of the resources a function can be bound to, in AWS (tokens) or locally. */
export interface ResourceNames {
  tableName: string;
}

/** The environment a function's declared access implies; the stacks and the local runtime both use it. */
export const environmentFor = (access: FunctionAccess, names: ResourceNames): Record<string, string> => ({
  ...(access.table ? { [EnvNames.table]: names.tableName } : {}),
});
