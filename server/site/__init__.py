"""The web UI's pages: its files and deep links, page metadata, GraphiQL's page and the
pinned vendor files."""
