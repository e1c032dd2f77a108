/** One article, one URL: tracking parameters, fragments and default ports do not make a new article. */

// Parameters that only say who sent the reader; the page is the same without them.
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
  'cmpid',
  'ocid',
  'smid',
  'sr_share',
  'at_medium',
  'at_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

const isTracking = (name: string): boolean => {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
};

/**
 * The URL as the archive keys it: http(s) only, tracking parameters and the fragment
 * removed. Null when `raw` is not an http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  // "?" left behind by removing every parameter
  if ([...url.searchParams.keys()].length === 0) url.search = '';
  return url.href;
}
