"""``retro app``: the whole workflow in the browser, on this computer only.

A local web app (starlette, served by uvicorn on ``127.0.0.1``) over the public API of
``retro/__init__.py``: ``security`` (who may talk to it: Host, token and cookie, CSRF), ``uploads``
(forms and files read with the command line's limits), ``workspace`` (the dropped workbooks and
regional exports, in a private folder removed on exit), ``pages`` (what each page shows, as plain
data), ``routes`` (the pages and downloads, rendered through ``templates/app/``), ``server`` (the
socket, uvicorn, the browser)."""
