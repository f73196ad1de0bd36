"""Solidarity: international solidarity campaigns — calls, action reports, moderation, tally."""
