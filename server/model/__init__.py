"""The domain, pure: what the record's words are and mean. No Strawberry, no SQL, no HTTP
here; the API, the store and the web UI are built on it."""
