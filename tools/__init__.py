"""Maintainer tooling, not part of the learner package: the launch-link setting and its sync
(course_links, launch_links) and the README generator (readme_assets)."""
