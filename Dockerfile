# One image for every role: worker, beat, web. See docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VIGIE_DATA_DIR=/data VIGIE_CONFIG=/etc/vigie/vigie.yaml
WORKDIR /app
COPY pyproject.toml README.md ./
COPY monitor ./monitor
COPY workers ./workers
COPY alert_rules ./alert_rules
COPY playbooks ./playbooks
RUN pip install --no-cache-dir . && useradd --system --home /data vigie && mkdir -p /data /etc/vigie \
    && chown vigie /data
COPY vigie.yaml /etc/vigie/vigie.yaml
USER vigie
ENTRYPOINT ["vigie"]
CMD ["worker"]
