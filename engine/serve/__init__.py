"""The HTTP face (`foedus serve`): a thin shell over the same Engine as the command
line — the routes and their OpenAPI document, a pool of engine processes, and the
problem details (RFC 9457) every error becomes."""
