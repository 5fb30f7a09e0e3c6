FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango; fonts for the PDF annex: Noto for every script people write in
# (Arabic, Devanagari, Thai, CJK, emoji, ...), beside the vendored Liberation Sans.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && pip uninstall -y nap-portal
COPY . .
RUN SECRET_KEY=build ALLOWED_HOSTS=build python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 nap && mkdir -p /app/media && chown nap /app/media
USER nap
EXPOSE 8000
# Workers, threads, keep-alive and backlog: gunicorn.conf.py (WEB_* variables).
CMD ["gunicorn", "nap_portal.wsgi"]
