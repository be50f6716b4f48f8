"""Content negotiation: whether a request comes from a browser that wants a page.

The API answers JSON; a few of its addresses send a browser elsewhere instead (the demo entry
of Borger.dk to the console's self-service, the server's index to the console). The console
asks the same question, from the API, which never imports the console.
"""

from __future__ import annotations


def wants_html(accept: str | None) -> bool:
    """True when a browser asks (``text/html`` before any JSON in its Accept header)."""
    if not accept:
        return False
    html = accept.find("text/html")
    json = accept.find("application/json")
    return html >= 0 and (json < 0 or html < json)
