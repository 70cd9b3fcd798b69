"""Files for readers: exports of every list, downloads of the whole record, the Atom feed
and the data dictionary."""
