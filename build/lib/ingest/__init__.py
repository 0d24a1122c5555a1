"""Turns files of correspondence into letters and passages."""
