"""Production-like cache for the benchmarks: Django's Redis cache (as with
REDIS_URL) with cached sessions when a Redis server answers on this machine,
otherwise the in-process cache. Each bench uses its own Redis database."""


def use_production_cache(settings, db: int) -> str:
    """Point ``settings`` (before ``django.setup()``) at Redis database ``db``
    when it answers; returns "redis" or "locmem"."""
    try:
        import redis

        up = redis.Redis(host="127.0.0.1", port=6379, db=db, socket_connect_timeout=0.2).ping()
    except Exception:
        up = False
    if not up:
        return "locmem"
    location = f"redis://127.0.0.1:6379/{db}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return "redis"
