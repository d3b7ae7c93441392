/**
 * Zoho's data centres (FACTS §5 [V]): each DC has its own accounts server (`https://accounts.zoho.<tld>`,
 * `accounts.zohocloud.ca`) and its own API domain (`https://www.zohoapis.<tld>`). A refresh token belongs to the
 * DC that issued it, and the `api_domain` of the token response is the only API host its access tokens work on.
 * The emulator gives every DC it runs two origins of its own (accounts + API listener); the real host names are
 * kept for reports and README tables.
 */
export const DATA_CENTERS = {
  com: { accountsHost: 'accounts.zoho.com', apiHost: 'www.zohoapis.com', label: 'United States' },
  eu: { accountsHost: 'accounts.zoho.eu', apiHost: 'www.zohoapis.eu', label: 'Europe' },
  in: { accountsHost: 'accounts.zoho.in', apiHost: 'www.zohoapis.in', label: 'India' },
  'com.au': { accountsHost: 'accounts.zoho.com.au', apiHost: 'www.zohoapis.com.au', label: 'Australia' },
  jp: { accountsHost: 'accounts.zoho.jp', apiHost: 'www.zohoapis.jp', label: 'Japan' },
  'com.cn': { accountsHost: 'accounts.zoho.com.cn', apiHost: 'www.zohoapis.com.cn', label: 'China' },
  ca: { accountsHost: 'accounts.zohocloud.ca', apiHost: 'www.zohoapis.ca', label: 'Canada' },
  sa: { accountsHost: 'accounts.zoho.sa', apiHost: 'www.zohoapis.sa', label: 'Saudi Arabia' },
} as const;

export type DataCenter = keyof typeof DATA_CENTERS;

/** The brief's minimum set; more can be started with the `dataCenters` option. */
export const DEFAULT_DATA_CENTERS: readonly DataCenter[] = ['com', 'eu', 'in', 'com.au'];

export function isDataCenter(value: string): value is DataCenter {
  return Object.hasOwn(DATA_CENTERS, value);
}

/** The origins a started DC answers on (loopback listeners standing in for the real hosts). */
export interface DataCenterUrls {
  accountsUrl: string;
  apiUrl: string;
}
