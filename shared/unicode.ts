/** Characters that render as nothing: zero-width spaces and joiners, BOM, soft hyphen, bidi marks, fillers. */
export const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
