"""The ML core and the store never import Streamlit (arrows point down only)."""

from conftest import run_python


def test_core_imports_without_streamlit():
    code = (
        "import sys; import fashion_lab.cli, fashion_lab.training.in_process, "
        "fashion_lab.images.preprocessing, "
        "fashion_lab.analysis.evaluation, model_store; "
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'"
    )
    run_python(code)


def test_store_listing_does_not_need_tensorflow():
    code = (
        "import sys; from fashion_lab.models.stored import open_store; open_store('/nonexistent').entries(); "
        "assert 'tensorflow' not in sys.modules, 'tensorflow was imported'"
    )
    run_python(code)


def test_the_model_registry_does_not_need_keras():
    code = (
        "import sys; from fashion_lab.models.registry import layer_table; "
        "assert sum(row['parameters'] for row in layer_table('cnn')) == 804_554; "
        "assert 'keras' not in sys.modules, 'keras was imported'"
    )
    run_python(code)
