/** A body where a person may lodge a complaint about how their personal data is handled. */
export interface ComplaintAuthority {
  name: string;
  url: string;
}

/**
 * Where a complaint may be lodged (GDPR Art. 77, UK GDPR, US federal and California law): the
 * directory of the EU/EEA supervisory authorities (each person's own is listed there), the UK's,
 * and the US authorities for consumer privacy. A complaint's result lists them; so may an export.
 */
export const COMPLAINT_AUTHORITIES: readonly ComplaintAuthority[] = [
  { name: 'European Data Protection Board: the EU/EEA national supervisory authorities', url: 'https://www.edpb.europa.eu/about-edpb/about-edpb/members_en' },
  { name: "UK Information Commissioner's Office", url: 'https://ico.org.uk/make-a-complaint/' },
  { name: 'US Federal Trade Commission', url: 'https://reportfraud.ftc.gov/' },
  { name: 'California Privacy Protection Agency', url: 'https://cppa.ca.gov/webapplications/complaint' },
];

/** A complaint is recorded (the request itself, and its audit trail); its result says where else it may go. */
export const fulfilComplaint = async () => ({ authorities: COMPLAINT_AUTHORITIES.map((authority) => ({ ...authority })) });
