// The site's own name and its owner's: the one place they are written, for titles, feeds, footers and structured data.

/** Short name: the suffix of every browser-tab title ("Country info – UN in Kyrgyzstan"), feeds and footers. */
export const SITE_NAME = 'UN in Kyrgyzstan';
/** The organisation behind the site, as schema.org and the feed's author name it. */
export const ORGANISATION_NAME = 'United Nations in Kyrgyzstan';
/** The year the original site was made; its footer credits say so. */
export const SITE_YEAR = 2007;
