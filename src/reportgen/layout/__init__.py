"""The layout stage: Document + Theme → Layout, every decision the DOCX and
the PDF share (see items.py).  Writers translate a Layout; they decide nothing."""
from .document import lay_out, page_numbers  # noqa: F401
from .pages import needs_pages, place, place_colophon  # noqa: F401
from .items import *  # noqa: F401,F403
