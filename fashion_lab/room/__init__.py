"""The room and Guess 10: phones send drawings and answers, stored in SQLite or PostgreSQL."""
