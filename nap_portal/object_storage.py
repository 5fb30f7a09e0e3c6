"""S3-compatible object storage for edition files and the annex's section cache
(django-storages), shared by every web and worker machine: one bucket, two prefixes."""


def s3_storages(*, bucket, endpoint_url=None, region=None, access_key=None, secret_key=None):
    """The STORAGES entries "default" (edition files) and "annex_cache"."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "default_acl": None,  # private: files are served through the portal's views
        "file_overwrite": True,
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": options},
        "annex_cache": {"BACKEND": backend, "OPTIONS": {**options, "location": "annex-cache"}},
    }
