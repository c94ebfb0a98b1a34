"""`newsweave serve`: a local, read-only web app and JSON API over the store (extra `[serve]`).

`app.py` the FastAPI app factory (`create_app`: error pages, security headers), `deps.py` the
read-only store of each request, `api.py` the JSON routes, `views.py` the HTML routes,
`html.py` the page markup (everything from the store escaped), `run.py` the server the CLI
starts (uvicorn).
"""
