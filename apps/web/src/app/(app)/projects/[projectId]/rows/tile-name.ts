/**
 * The name a tile shows for a row. Rows imported from URLs have the whole URL as external id, and
 * a tile only fits its start (`https://host…`), the same for every row of a list: show the file
 * name at the end of the path instead (the full id stays in the tile's tooltip).
 */
export function tileName(externalId: string): string {
  if (!/^https?:\/\//i.test(externalId)) return externalId;
  let url: URL;
  try {
    url = new URL(externalId);
  } catch {
    return externalId;
  }
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return url.host;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
