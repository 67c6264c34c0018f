from flows.table_docs import README, render_table_docs
from transforms.schemas import ALL_TABLES


def test_warehouse_readme_is_generated_from_the_schemas():
    assert README.read_text(encoding="utf-8") == render_table_docs(), "run: python -m flows.table_docs"


def test_every_field_has_a_description():
    for table in ALL_TABLES:
        for field in table.schema:
            assert field.metadata and field.metadata.get(b"description"), f"{table.name}.{field.name}"
