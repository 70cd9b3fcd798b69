-- Prefix indexes for search-as-you-type: a query for "tre"* reads one prefix list in
-- index order and stops at the page size, instead of merging the lists of every word
-- starting with "tre" (which grows with the store). One- and seven-plus-letter
-- prefixes are rare enough, or match few enough words, to do without.
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6'
);
