"""The relationship ledger: a client-centric CRM on SQLite or PostgreSQL."""
