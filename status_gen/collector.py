"""The cyclic garbage collector, paused while a run builds objects that live until it ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the data's objects are created.

    Loading 10,000 issues creates about a million containers that live until the end; the
    collector re-walks all of them again and again as they pile up (1.8 s instead of 1.1 s to
    load). They hold no reference cycles, so nothing is lost by collecting once afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Promote the new objects to the oldest generation, as a collection would, without
            # walking them: otherwise the first allocation after gc.enable() collects a young
            # generation of a million live objects (0.2 s at 10,000 issues). Not when the host
            # process froze objects itself (say, before forking): unfreeze() would thaw them too.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
