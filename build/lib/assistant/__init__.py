"""Turns a question into an answer made of verified, cited quotes from the letters."""
