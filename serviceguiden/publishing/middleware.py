"""CORS for public reads: any origin may read the API, the embeds and oEmbed from a
browser (no cookies are involved), and preflight requests are answered here. Writes are
not opened to other origins."""

from __future__ import annotations

from django.http import HttpResponse

READ_PREFIXES = ("/api/v1/", "/embed/", "/embed.js", "/oembed")
READ_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since, X-Serviceguiden-Channel"
EXPOSED_HEADERS = "ETag, Last-Modified, Cache-Control"


def read_cors(get_response):
    def middleware(request):
        if not request.path.startswith(READ_PREFIXES):
            return get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            return response
        response = get_response(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    return middleware
