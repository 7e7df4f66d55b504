"""Batch production: plan jobs, decide what is out of date, run them in
parallel, keep the manifest, report."""
from .plan import Job, plan  # noqa: F401
from .run import BuildResult, build  # noqa: F401
