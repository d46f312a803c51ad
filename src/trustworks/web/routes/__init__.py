"""The app's routers: sign-in, pages, the live meter and the JSON API."""
