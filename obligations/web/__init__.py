"""The web service: a JSON API, an iCalendar feed, an office page and a timeline picture.

Only ``python -m obligations serve`` imports the framework (FastAPI, uvicorn); the rest of
the package never does. ``data`` is the one module here that calls the library, so that
the other modules (``app``, ``auth``, ``page``, ``feed``, ``timeline``) depend on plain
dictionaries and a few small classes only.
"""
