"""The console: server-rendered pages for people, beside the API of `sandbox serve`.

Two clients: the case workers' client (Sagsbehandlerklient) under ``/console/`` and the
citizens' self-service (Selvbetjening) reached by ``/laegevalg?kommuneid=`` from a browser.
Every page is rendered on the server from Jinja2 templates and asks the sandbox's own API in
process (`sandbox.console.client`), so the console holds no rule: the same roles, tokens,
namespaces, audit log, decisions and typed errors as any API client. Every asset is served
from the package; nothing loads from another host.
"""
