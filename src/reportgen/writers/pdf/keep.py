"""Keep rules, as Word applies ``keepNext`` with widow and orphan control.

A flowable marked ``keepWithNext`` keeps its last lines on the page of the
next one's first lines: a heading stays with two lines of its text, a
paragraph's last two lines go with the 署名 below it.  Consecutive kept
flowables form a :class:`KeepChain`, which may break only inside one of its
members (never between two), leaving at least two lines on each side
(``TextBlock.split``).  platypus' own keepWithNext moves whole flowables
instead, leaving half a page empty before a long paragraph.
"""
from __future__ import annotations

from reportlab.platypus import Flowable


def chain_kept(story: list, page_height: float) -> list:
    """``story`` with each run of kept flowables (and the one they keep
    with) wrapped in a KeepChain."""
    out: list = []
    run: list = []
    for f in story:
        run.append(f)
        if getattr(f, "keepWithNext", False):
            f.keepWithNext = False
            continue
        out.append(KeepChain(run, page_height) if len(run) > 1 else run[0])
        run = []
    if run:  # a kept flowable at the very end keeps with nothing
        out.extend(run)
    return out


class KeepChain(Flowable):
    """Flowables drawn one under the other, each kept with the next."""

    def __init__(self, items: list, page_height: float):
        super().__init__()
        self.items = items
        self.page_height = page_height
        self.spaceBefore = items[0].getSpaceBefore()
        self.spaceAfter = items[-1].getSpaceAfter()

    def _gap(self, i: int) -> float:
        return self.items[i - 1].getSpaceAfter() + self.items[i].getSpaceBefore() if i else 0.0

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._sizes = [f.wrap(availWidth, availHeight) for f in self.items]
        self.height = sum(h for _, h in self._sizes) + sum(self._gap(i) for i in range(1, len(self.items)))
        return self.width, self.height

    def draw(self):
        y = self.height
        for i, (f, (_, h)) in enumerate(zip(self.items, self._sizes)):
            y -= self._gap(i) + h
            f.drawOn(self.canv, 0, y)

    def split(self, availWidth, availHeight):
        """Break inside the last member that can leave lines here and take
        the rest of the chain with its remaining lines; nothing when none
        can (the chain moves to the next page), unless the chain alone is
        taller than a page: then it breaks like ordinary flowables."""
        self.wrap(availWidth, availHeight)
        tops, y = [], 0.0
        for i, (_, h) in enumerate(self._sizes):
            y += self._gap(i)
            tops.append(y)
            y += h
        for i in reversed(range(len(self.items))):
            room = availHeight - tops[i]
            if room <= 0:
                continue
            h = self._sizes[i][1]
            parts = self.items[i].split(availWidth, min(room, h - 1e-3))
            if len(parts) == 2:
                head, tail = parts
                rest = [tail, *self.items[i + 1:]]
                return [*self.items[:i], head, KeepChain(rest, self.page_height) if len(rest) > 1 else tail]
        if availHeight >= self.page_height - 1e-3:  # taller than a page: keeping is impossible
            return list(self.items)
        return []
