"""Stores and searches letters: SQLite (source of truth, FTS5) plus a derived FAISS index."""
