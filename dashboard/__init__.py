"""Corridor Watch: Eurasian corridors, pipelines and ports, linked to what the news says about them."""
