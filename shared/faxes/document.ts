/** The document types a fax may arrive as. */
export const FAX_CONTENT_TYPES = ['application/pdf', 'image/tiff'] as const;
export type FaxContentType = (typeof FAX_CONTENT_TYPES)[number];

export const INLINE_LIMIT_BYTES = 4 * 1024 * 1024;
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** How many leading bytes identify a document. */
export const MAGIC_BYTES_LENGTH = 5;

const SIGNATURES: Record<FaxContentType, Buffer[]> = {
  'application/pdf': [Buffer.from('%PDF-')],
  // Little-endian "II*\0" and big-endian "MM\0*".
  'image/tiff': [Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
};

/** True when the document's first bytes are those of its declared type. */
export const matchesContentType = (firstBytes: Buffer, contentType: FaxContentType): boolean =>
  SIGNATURES[contentType].some((signature) => firstBytes.subarray(0, signature.length).equals(signature));
