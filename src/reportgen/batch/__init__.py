"""Batch production: plan jobs, run them, report."""
from .plan import Job, plan  # noqa: F401
from .run import BuildResult, build  # noqa: F401
