/** A record id as the API makes them (a UUID): anything else in an address names nothing, so is a 404 at once. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
