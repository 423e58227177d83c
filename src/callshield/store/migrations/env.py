"""Alembic environment: the URL comes from the caller (`callshield db upgrade`), never a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from callshield.store.models import Base

config = context.config
url = str(config.attributes.get("url") or config.get_main_option("sqlalchemy.url") or "")
target_metadata = Base.metadata


def run() -> None:
    connectable = create_engine(url, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
