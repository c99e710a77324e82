import fc from 'fast-check';
import { pdfBytes, tiffBytes } from '../../test/support/faxes';
import { FAX_CONTENT_TYPES, MAGIC_BYTES_LENGTH, matchesContentType, type FaxContentType } from './document';

describe('matchesContentType: documents are what they claim to be', () => {
  it.each<[string, Buffer, FaxContentType]>([
    ['a PDF', pdfBytes(), 'application/pdf'],
    ['a little-endian TIFF (II*\\0)', tiffBytes('II'), 'image/tiff'],
    ['a big-endian TIFF (MM\\0*)', tiffBytes('MM'), 'image/tiff'],
  ])('recognises %s', (_case, bytes, contentType) => {
    // Act / Assess
    expect(matchesContentType(bytes, contentType)).toBe(true);
  });

  it.each<[string, Buffer, FaxContentType]>([
    ['a PDF', pdfBytes(), 'application/pdf'],
    ['a little-endian TIFF', tiffBytes('II'), 'image/tiff'],
    ['a big-endian TIFF', tiffBytes('MM'), 'image/tiff'],
  ])('recognises %s from only the first MAGIC_BYTES_LENGTH bytes (what a ranged read of an upload returns)', (_case, bytes, contentType) => {
    // Act / Assess
    expect(matchesContentType(bytes.subarray(0, MAGIC_BYTES_LENGTH), contentType)).toBe(true);
  });

  it.each<[string, Buffer, FaxContentType]>([
    ['a PDF declared as a TIFF', pdfBytes(), 'image/tiff'],
    ['a little-endian TIFF declared as a PDF', tiffBytes('II'), 'application/pdf'],
    ['a big-endian TIFF declared as a PDF', tiffBytes('MM'), 'application/pdf'],
    ['a PNG declared as a PDF', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'application/pdf'],
    ['text declared as a PDF', Buffer.from('hello, this is not a fax'), 'application/pdf'],
    ['a PDF header not at the start', Buffer.from(' %PDF-1.7'), 'application/pdf'],
    ['a lower-case pdf header', Buffer.from('%pdf-1.7'), 'application/pdf'],
    ['mixed TIFF byte orders (II\\0*)', Buffer.from([0x49, 0x49, 0x00, 0x2a, 0x08]), 'image/tiff'],
    ['mixed TIFF byte orders (MM*\\0)', Buffer.from([0x4d, 0x4d, 0x2a, 0x00, 0x08]), 'image/tiff'],
  ])('refuses %s', (_case, bytes, contentType) => {
    // Act / Assess
    expect(matchesContentType(bytes, contentType)).toBe(false);
  });

  it.each<[string, Buffer, FaxContentType]>([
    ['a truncated PDF header (%PDF)', Buffer.from('%PDF'), 'application/pdf'],
    ['a truncated little-endian TIFF header (II*)', Buffer.from([0x49, 0x49, 0x2a]), 'image/tiff'],
    ['a truncated big-endian TIFF header (MM\\0)', Buffer.from([0x4d, 0x4d, 0x00]), 'image/tiff'],
    ['an empty PDF', Buffer.alloc(0), 'application/pdf'],
    ['an empty TIFF', Buffer.alloc(0), 'image/tiff'],
  ])('refuses %s', (_case, bytes, contentType) => {
    // Act / Assess
    expect(matchesContentType(bytes, contentType)).toBe(false);
  });

  it('refuses any proper prefix of a signature, for either type', () => {
    const signatures: [Buffer, FaxContentType][] = [
      [pdfBytes().subarray(0, 5), 'application/pdf'],
      [tiffBytes('II').subarray(0, 4), 'image/tiff'],
      [tiffBytes('MM').subarray(0, 4), 'image/tiff'],
    ];
    for (const [signature, contentType] of signatures) {
      for (let length = 0; length < signature.length; length += 1) {
        // Act / Assess
        expect(matchesContentType(signature.subarray(0, length), contentType)).toBe(false);
      }
    }
  });

  it('never accepts bytes that start with neither signature (property)', () => {
    const startsWithSignature = (bytes: Buffer) =>
      bytes.subarray(0, 5).equals(Buffer.from('%PDF-')) ||
      bytes.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) ||
      bytes.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), fc.constantFrom(...FAX_CONTENT_TYPES), (raw, contentType) => {
        // Prepare
        const bytes = Buffer.from(raw);
        fc.pre(!startsWithSignature(bytes));

        // Act / Assess
        expect(matchesContentType(bytes, contentType)).toBe(false);
      }),
    );
  });
});
