// The site's own name and its owner's: the one place they are written, for titles, feeds, footers and structured data.

/** Short name: the suffix of every browser-tab title ("Country info – UN in Kyrgyzstan"), feeds and footers. */
export const SITE_NAME = 'UN in Kyrgyzstan';
/** The organisation behind the site, as schema.org and the feed's author name it. */
export const ORGANISATION_NAME = 'United Nations in Kyrgyzstan';
/**
 * The site's own time zone: where its editors and most readers are. A page with `publish: 2026-12-01` goes live
 * at the start of that day here, and statistics count views on its days. Named, so the tz database decides.
 */
export const SITE_TIME_ZONE = 'Asia/Bishkek';

/** The year the original site was made; its footer credits say so. */
export const SITE_YEAR = 2007;
