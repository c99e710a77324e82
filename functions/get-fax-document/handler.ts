import { accountStore, inbox } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { documentLink } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), inbox: inbox(), documents: faxDocuments() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) =>
  ok(await documentLink(deps, customerAccountId(caller), pathParameters.faxId)),
);
