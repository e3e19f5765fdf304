/** A GeoJSON answer: text the query already serialised, or a value to serialise. */
export function geoJsonResponse(body: string | object, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    headers: { 'Content-Type': 'application/geo+json; charset=utf-8', ...headers },
  });
}
