"""What the notebooks themselves use, not course content: ``lc.check``'s ✓ lines, the
headline numbers recorded for the README, plotting style, progress display, seeding, quiet
TensorFlow start-up, and the diagrams.
"""
