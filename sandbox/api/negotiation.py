"""Content negotiation: whether a request comes from a browser that wants a page.

The API answers JSON; a few addresses send a browser elsewhere instead: the demo entry of
Borger.dk to the console's self-service page, the served app's index (`sandbox.app`) to the
console. The question lives in the API, which never imports the console.
"""

from __future__ import annotations


def wants_html(accept: str | None) -> bool:
    """True when a browser asks (``text/html`` before any JSON in its Accept header)."""
    if not accept:
        return False
    html = accept.find("text/html")
    json = accept.find("application/json")
    return html >= 0 and (json < 0 or html < json)
