"""The domain, pure: the record's vocabularies and rules. No Strawberry, no SQL, no HTTP
here; the API, the store and the web UI are built on it."""
