"""The format-neutral document model (see nodes.py)."""
from .nodes import *  # noqa: F401,F403
from .nodes import BLOCK_KINDS, INLINE_KINDS, plain_text  # noqa: F401
