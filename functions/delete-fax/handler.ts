import { accountStore, inbox, legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import type { Fax } from '../../shared/faxes/fax';
import { deleteFax } from '../../shared/faxes/inbox';
import { faxHoldsOf } from '../../shared/legal/holds';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, noContent } from '../../shared/http/route';
import declaration from './function';

const heldFaxesOf = faxHoldsOf(legalRequestStore());
const deps = { accounts: accountStore(), inbox: inbox(), documents: faxDocuments(), isHeld: async (fax: Fax) => (await heldFaxesOf(fax.accountId))(fax) };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) => {
  await deleteFax(deps, customerAccountId(caller), pathParameters.faxId);
  return noContent();
});
