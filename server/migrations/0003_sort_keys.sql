-- Cursors hold a list's sort key, (first possible day, slug), rather than a row id; a
-- page query finds the id where a cursor's key falls with one probe of these indexes.
CREATE INDEX events_by_sort_key ON events (date_start, slug);
CREATE INDEX agreements_by_sort_key ON agreements (date_start, slug);
