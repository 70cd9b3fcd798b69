"""The GraphQL layer: types, loaders, pagination and the schema."""
