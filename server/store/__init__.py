"""The store: its one schema (schema.sql) and the writer the build and the bench share."""
