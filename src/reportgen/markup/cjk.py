"""CJK-friendly emphasis for markdown-it-py.

CommonMark decides whether ``**`` opens or closes emphasis from the
characters around it, treating every punctuation mark alike.  In Chinese a
bold run usually ends with a full-width mark and is followed directly by a
character (``**青少年群体。**四史教育…``), which CommonMark refuses to close:
the reader sees literal asterisks.  Here full-width (East Asian wide)
punctuation next to a delimiter run counts as an ordinary character, the
rule the markdown-it "cjk-friendly" extensions follow.  ASCII behaviour is
unchanged.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline

from ..text import is_cjk_punct


def _punct(ch: str) -> bool:
    return (isMdAsciiPunct(ord(ch)) or isPunctChar(ch)) and not is_cjk_punct(ch)


class CjkStateInline(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        pos, maximum, marker = start, self.posMax, self.src[start]
        last = self.src[start - 1] if start > 0 else " "
        while pos < maximum and self.src[pos] == marker:
            pos += 1
        nxt = self.src[pos] if pos < maximum else " "
        last_p, next_p = _punct(last), _punct(nxt)
        last_ws, next_ws = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
        left = not (next_ws or (next_p and not (last_ws or last_p)))
        right = not (last_ws or (last_p and not (next_ws or next_p)))
        can_open = left and (canSplitWord or not right or last_p)
        can_close = right and (canSplitWord or not left or next_p)
        return Scanned(can_open, can_close, pos - start)


def use_cjk_emphasis(md: MarkdownIt) -> MarkdownIt:
    """Make ``md``'s inline parser use the CJK-friendly delimiter scan."""
    inline = md.inline

    def parse(src, md, env, tokens):
        state = CjkStateInline(src, md, env, tokens)
        inline.tokenize(state)
        for rule in inline.ruler2.getRules(""):
            rule(state)
        return state.tokens

    inline.parse = parse  # type: ignore[method-assign]
    return md
