"""Routers, one per area: pages, the JSON API and exports."""
