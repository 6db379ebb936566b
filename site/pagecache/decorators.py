"""`cached_page`: marks a view whose page may be shared by every anonymous visitor.

The caching itself happens in pagecache.middleware, early in the middleware stack, so a
cached page is answered without the session, CSRF, auth or messages machinery.
"""


def cached_page(view):
    view.cached_page = True
    return view
