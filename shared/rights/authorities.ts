/**
 * Where a person may lodge a complaint about the service's handling of their data (GDPR Art.
 * 77): an access export and a complaint request's result list them.
 */
export const COMPLAINT_AUTHORITIES: readonly { name: string; url: string }[] = [
  { name: 'Your national data protection authority (EU/EEA): the list of the European Data Protection Board', url: 'https://www.edpb.europa.eu/about-edpb/about-edpb/members_en' },
  { name: "UK Information Commissioner's Office", url: 'https://ico.org.uk/make-a-complaint/' },
  { name: 'U.S. Federal Trade Commission', url: 'https://reportfraud.ftc.gov/' },
];
