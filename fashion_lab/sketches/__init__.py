"""Garments sketched as people draw them, by two hands: to measure the drawing path and to teach it."""
