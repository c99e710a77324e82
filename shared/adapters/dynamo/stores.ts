import { EnvNames, requiredEnv } from '../../config';
import { DynamoAccountStore } from './account-store';
import { documentClient } from './client';

/** The account store on the function's bound table, built once per container. */
export const accountStore = () => new DynamoAccountStore(documentClient, requiredEnv(EnvNames.table));
