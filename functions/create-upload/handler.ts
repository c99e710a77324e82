import { uploadStore } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { gatewaySecretSource } from '../../shared/adapters/secrets/gateway-secrets';
import { createUpload } from '../../shared/faxes/uploads';
import { gatewaySignature } from '../../shared/http/gateway-signature';
import { created, httpRoute } from '../../shared/http/route';
import declaration from './function';

const uploads = uploadStore();
const documents = faxDocuments();

export const handler = httpRoute(
  { trigger: declaration.trigger, verifySignature: gatewaySignature(gatewaySecretSource()) },
  async ({ body }) => created(await createUpload(uploads, documents, body)),
);
